package io.runwire.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.openapi.OpenApiHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What Camel's generator cannot know, since the API's bodies are JSON Schema files, not Java types: each operation's
 * summary, request body, responses and query parameters, from {@code openapi/operations.yaml} keyed by route id, with
 * the schemas it names as {@code components/schemas} (OpenAPI 3.1 takes JSON Schema 2020-12 as it is; only
 * {@code $ref}s between the files are pointed at their components).
 */
@Component
public class OpenApiOperations {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiOperations.class);
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String ERROR_SCHEMA = "responses/error";
    private static final Set<String> METHODS_WITH_BODY = Set.of("post", "put", "patch");
    private static final Map<Integer, String> ERRORS = Map.of(
            400, "Invalid input: the error says what, details where",
            401, "No API key, or one that is invalid, revoked or expired",
            403, "The caller may not do this; the error says why",
            404, "Not found",
            409, "The resource's state does not allow it, or it changed meanwhile",
            413, "Request body larger than runwire.api.max-body-bytes",
            415, "Request body that is not application/json");

    private final ObjectNode operations;
    private final ObjectNode parameters;
    private final ObjectMapper json;

    public OpenApiOperations(ObjectMapper json) {
        this.json = json;
        this.operations = read(new ObjectMapper(new YAMLFactory()), "openapi/operations.yaml");
        this.parameters = read(json, "openapi/parameters.json");
    }

    /** The route ids that {@code openapi/operations.yaml} describes. */
    public Set<String> describedRouteIds() {
        Set<String> ids = new TreeSet<>();
        operations.fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /** Camel's document of {@code rests}, each operation completed from its description. */
    public ObjectNode complete(ObjectNode document, List<RestDefinition> rests) {
        Deque<String> wanted = new ArrayDeque<>(List.of(ERROR_SCHEMA));
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = OpenApiHelper.buildUrl(rest.getPath(), verb.getPath());
                String method = verb.asVerb().toLowerCase(Locale.ROOT);
                JsonNode operation = document.path("paths").path(path).path(method);
                if (operation instanceof ObjectNode op) {
                    describe(op, path, method, verb.getRouteId(), wanted);
                }
            }
        }
        // served where the document is: Camel's server would be http://0.0.0.0
        document.putArray("servers").addObject().put("url", "/");
        ObjectNode components = document.withObject("/components");
        components.set("schemas", schemas(wanted));
        components.set("parameters", parameters.deepCopy());
        ObjectNode responses = components.putObject("responses");
        new TreeSet<>(ERRORS.keySet()).forEach(status -> responses.set(String.valueOf(status),
                content(JsonNodeFactory.instance.objectNode().put("description", ERRORS.get(status)), ERROR_SCHEMA)));
        return document;
    }

    private void describe(ObjectNode op, String path, String method, String routeId, Deque<String> wanted) {
        op.put("operationId", routeId);
        ObjectNode responses = op.putObject("responses");
        JsonNode description = operations.get(routeId);
        if (description == null) {
            LOG.warn("REST route {} ({} {}) is not described in openapi/operations.yaml", routeId, method, path);
            responses.putObject("default").put("description", "Not described");
            return;
        }
        if (description.hasNonNull("summary")) {
            op.put("summary", description.get("summary").asText());
        }
        ArrayNode opParameters = op.withArray("parameters");
        // Camel declares each path parameter as a string; every one of Runwire's is an id
        opParameters.forEach(parameter -> {
            if ("path".equals(parameter.path("in").asText())) {
                ((ObjectNode) parameter).putObject("schema").put("type", "string").put("format", "uuid");
            }
        });
        for (String field : List.of("query", "headers")) {
            description.path(field).forEach(name -> {
                if (!parameters.has(name.asText())) {
                    throw new IllegalStateException("openapi/parameters.json has no " + name.asText() + " (" + routeId + ")");
                }
                opParameters.addObject().put("$ref", "#/components/parameters/" + name.asText());
            });
        }
        if (opParameters.isEmpty()) {
            op.remove("parameters");
        }
        if (description.hasNonNull("body")) {
            String schema = description.get("body").asText();
            wanted.add(schema);
            ObjectNode body = content(op.putObject("requestBody"), schema);
            body.put("required", description.path("bodyRequired").asBoolean(true));
        }
        description.path("responses").fields().forEachRemaining(success ->
                responses.set(success.getKey(), response(success.getValue(), description.path("paged").asBoolean(),
                        wanted)));
        Set<Integer> errors = new TreeSet<>(List.of(401));
        description.path("errors").forEach(status -> errors.add(status.asInt()));
        if (METHODS_WITH_BODY.contains(method)) {
            errors.addAll(List.of(400, 413, 415));
        }
        if (path.contains("{")) {
            errors.add(404);
        }
        errors.forEach(status -> {
            if (!ERRORS.containsKey(status)) {
                throw new IllegalStateException("openapi/operations.yaml: no error response " + status + " (" + routeId + ")");
            }
            responses.putObject(String.valueOf(status)).put("$ref", "#/components/responses/" + status);
        });
    }

    /** {@code null}: no body; a name: that schema; {@code {key: name}} or {@code {key: [name]}}: an envelope. */
    private ObjectNode response(JsonNode body, boolean paged, Deque<String> wanted) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        if (body.isNull()) {
            return response.put("description", "Done; no body");
        }
        response.put("description", "OK");
        if (body.isTextual()) {
            wanted.add(body.asText());
            return content(response, body.asText());
        }
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("type", "object");
        ArrayNode required = envelope.putArray("required");
        ObjectNode properties = envelope.putObject("properties");
        body.fields().forEachRemaining(field -> {
            required.add(field.getKey());
            JsonNode value = field.getValue();
            String schema = value.isArray() ? value.get(0).asText() : value.asText();
            wanted.add(schema);
            ObjectNode ref = JsonNodeFactory.instance.objectNode().put("$ref", SCHEMAS + componentName(schema));
            if (value.isArray()) {
                properties.putObject(field.getKey()).put("type", "array").set("items", ref);
            } else {
                properties.set(field.getKey(), ref);
            }
        });
        if (paged) {
            for (String count : List.of("total", "limit", "offset")) {
                required.add(count);
                properties.putObject(count).put("type", "integer").put("minimum", 0);
            }
        }
        response.putObject("content").putObject("application/json").set("schema", envelope);
        return response;
    }

    private static ObjectNode content(ObjectNode holder, String schema) {
        holder.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", SCHEMAS + componentName(schema));
        return holder;
    }

    /** Every schema in {@code wanted} and every one they refer to, under its component name. */
    private ObjectNode schemas(Deque<String> wanted) {
        ObjectNode schemas = JsonNodeFactory.instance.objectNode();
        while (!wanted.isEmpty()) {
            String name = wanted.pop();
            String component = componentName(name);
            if (!schemas.has(component)) {
                ObjectNode schema = read(json, "schemas/api/" + name + ".json");
                schema.remove("$schema");
                pointRefs(schema, name, wanted);
                schemas.set(component, schema);
            }
        }
        Set<String> names = new TreeSet<>();
        schemas.fieldNames().forEachRemaining(names::add);
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        names.forEach(name -> sorted.set(name, schemas.get(name)));
        return sorted;
    }

    /** {@code $ref}s of the file {@code name}, to its own parts or to another file, as refs to their components. */
    private static void pointRefs(JsonNode node, String name, Deque<String> wanted) {
        if (node instanceof ObjectNode object && object.path("$ref").isTextual()) {
            String ref = object.get("$ref").asText();
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            String target = name;
            if (!file.isEmpty()) {
                target = URI.create("base/" + name).resolve(file).getPath().replaceFirst("^base/", "")
                        .replaceFirst("\\.json$", "");
                wanted.add(target);
            }
            object.put("$ref", SCHEMAS + componentName(target) + fragment);
        }
        node.forEach(child -> pointRefs(child, name, wanted));
    }

    /** {@code responses/team} is the component {@code responses.team}: the file's path, in a component's alphabet. */
    static String componentName(String schema) {
        return schema.replace('/', '.');
    }

    private static ObjectNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = OpenApiOperations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the classpath");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
