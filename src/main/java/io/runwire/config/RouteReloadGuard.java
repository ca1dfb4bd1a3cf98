package io.runwire.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an edit of a route file does while route reloading is on (the dev profile): an edit whose routes parse and
 * start replaces that file's routes; any other edit is refused with one log line naming the file, and the routes
 * the file held before keep serving. Camel alone would have stopped and removed them before finding that the new
 * ones do not start.
 */
@Component
public class RouteReloadGuard implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloadGuard.class);

    private CamelContext camelContext;

    @Override
    public void beforeApplicationStart(CamelContext context) {
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (watcher != null) {
            this.camelContext = context;
            watcher.setResourceReload(this::reload);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
    }

    void reload(String name, Resource resource) throws Exception {
        Path file = Path.of(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            LOG.warn("Route file {} was removed: the routes it held keep running until the next start", name);
            return;
        }
        Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
        List<RouteDefinition> before = definitionsFrom(model, file);
        try {
            Set<String> ids = PluginHelper.getRoutesLoader(camelContext).updateRoutes(List.of(resource));
            for (String id : ids) {
                ServiceStatus status = camelContext.getRouteController().getRouteStatus(id);
                if (status != ServiceStatus.Started) {
                    throw new FailedToStartRouteException(id, "it is " + status + " after the reload");
                }
            }
            LOG.info("Reloaded route file {}: {}", name, ids);
        } catch (Exception refused) {
            String where = where(model, refused);
            try {
                restore(model, file, before);
            } catch (Exception notRestored) {
                LOG.error("Route file {} was not reloaded{}: {}. Its routes as they were before could not be put back"
                        + " ({}): restart Runwire", name, where, messages(refused), messages(notRestored));
                return;
            }
            LOG.error("Route file {} was not reloaded{}: {}. Its routes as they were before the edit keep serving",
                    name, where, messages(refused));
            LOG.debug("The reload of {} failed", name, refused);
        }
    }

    /** Removes whatever the refused edit left of this file's routes and adds the routes it held before. */
    private void restore(Model model, Path file, List<RouteDefinition> before) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (Route route : camelContext.getRoutes()) {
            if (isFrom(route.getSourceResource(), file)) {
                ids.add(route.getRouteId());
            }
        }
        before.forEach(definition -> ids.add(definition.getRouteId()));
        if (before.stream().allMatch(definition -> started(definition.getRouteId())) && ids.size() == before.size()) {
            return; // the edit did not parse: Camel changed nothing
        }
        for (String id : ids) {
            if (camelContext.getRoute(id) != null) {
                camelContext.getRouteController().stopRoute(id);
                camelContext.removeRoute(id);
            }
        }
        model.removeRouteDefinitions(definitionsFrom(model, file));
        model.addRouteDefinitions(before);
    }

    private boolean started(String id) {
        return camelContext.getRouteController().getRouteStatus(id) == ServiceStatus.Started;
    }

    private static List<RouteDefinition> definitionsFrom(Model model, Path file) {
        List<RouteDefinition> definitions = new ArrayList<>();
        for (RouteDefinition definition : model.getRouteDefinitions()) {
            if (isFrom(definition.getResource(), file)) {
                definitions.add(definition);
            }
        }
        return definitions;
    }

    private static boolean isFrom(Resource resource, Path file) {
        if (resource == null || resource.getLocation() == null) {
            return false;
        }
        String location = resource.getLocation();
        if (!location.startsWith("file:")) {
            return false;
        }
        return Path.of(location.substring("file:".length())).toAbsolutePath().normalize().equals(file);
    }

    /** " (line n, column c)" of a YAML error, " (route x, line n)" of a route that could not be created or started. */
    private static String where(Model model, Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
                Mark mark = yaml.getProblemMark().get();
                return " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
            }
            String routeId = cause instanceof FailedToCreateRouteException failed ? failed.getRouteId()
                    : cause instanceof FailedToStartRouteException failed ? failed.getRouteId() : null;
            if (routeId != null) {
                RouteDefinition definition = model.getRouteDefinition(routeId);
                int line = definition == null || definition.getInput() == null ? -1 : definition.getInput().getLineNumber();
                return " (route " + routeId + (line > 0 ? ", line " + line : "") + ")";
            }
        }
        return "";
    }

    /** The causes' messages in one line; of a YAML error only its own words, as its place is said before. */
    private static String messages(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException yaml && yaml.getProblem() != null) {
                return oneLine(yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem());
            }
        }
        List<String> messages = new ArrayList<>();
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                String message = oneLine(cause.getMessage());
                if (messages.stream().noneMatch(known -> known.contains(message))) {
                    messages.add(message);
                }
            }
        }
        return String.join(": ", messages);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").strip().replaceAll("\\.+$", "");
    }
}
