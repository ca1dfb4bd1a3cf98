package io.runwire.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.openapi.OpenApiRestApiProcessorFactory;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.stereotype.Component;

/**
 * GET /api/openapi.json ({@code camel.rest.api-context-path}): Camel's own document of the REST DSL (paths, verbs,
 * path parameters, the bearer scheme), completed by {@link OpenApiOperations} with each operation's schemas. Built
 * on the first request and kept until a route is added or removed (a route reload), so serving it costs nothing.
 * Camel's REST API endpoint takes the one {@link RestApiProcessorFactory} in the registry: this one.
 */
@Component
public class OpenApiDocument implements RestApiProcessorFactory {

    private final OpenApiOperations operations;
    private final ObjectMapper objectMapper;
    private final RestApiProcessorFactory camelFactory = new OpenApiRestApiProcessorFactory();
    private final RoutesChanged routesChanged = new RoutesChanged();
    private volatile byte[] document;
    /** Counts route changes, so a document built while one happened is not kept. */
    private final AtomicLong routeChanges = new AtomicLong();

    public OpenApiDocument(OpenApiOperations operations, ObjectMapper objectMapper) {
        this.operations = operations;
        this.objectMapper = objectMapper;
    }

    @Override
    public Processor createApiProcessor(CamelContext camelContext, String contextPath, RestConfiguration configuration,
                                        Map<String, Object> parameters) {
        if (!camelContext.getManagementStrategy().getEventNotifiers().contains(routesChanged)) {
            ServiceHelper.startService(routesChanged);
            camelContext.getManagementStrategy().addEventNotifier(routesChanged);
        }
        return exchange -> {
            byte[] current = document;
            if (current == null) {
                current = build(camelContext, contextPath, configuration, parameters);
            }
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(current);
        };
    }

    private synchronized byte[] build(CamelContext camelContext, String contextPath, RestConfiguration configuration,
                                      Map<String, Object> parameters) throws Exception {
        if (document != null) {
            return document;
        }
        long changesBefore = routeChanges.get();
        byte[] built = generate(camelContext, contextPath, configuration, parameters);
        if (routeChanges.get() == changesBefore) {
            document = built;
        }
        return built;
    }

    private byte[] generate(CamelContext camelContext, String contextPath, RestConfiguration configuration,
                            Map<String, Object> parameters) throws Exception {
        Processor generator = camelFactory.createApiProcessor(camelContext, contextPath, configuration, parameters);
        ServiceHelper.startService(generator);
        try {
            Exchange generated = new DefaultExchange(camelContext);
            generator.process(generated);
            ObjectNode camelDocument = (ObjectNode) objectMapper.readTree(generated.getMessage().getBody(byte[].class));
            ObjectNode complete = operations.complete(camelDocument,
                    ((ModelCamelContext) camelContext).getRestDefinitions());
            return objectMapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(complete);
        } finally {
            ServiceHelper.stopAndShutdownService(generator);
        }
    }

    /** A reloaded route file may change the REST DSL: the next request builds the document anew. */
    private final class RoutesChanged extends EventNotifierSupport {

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.RouteAddedEvent || event instanceof CamelEvent.RouteRemovedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            routeChanges.incrementAndGet();
            document = null;
        }
    }
}
