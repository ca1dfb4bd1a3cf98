package io.runwire.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.runwire.db.StoredJson;
import io.runwire.schema.JsonSchemas;
import io.runwire.schema.SchemaErrors;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks a request body against its JSON Schema ({@code src/main/resources/schemas/api/<name>.json}) and returns it
 * as the named parameters of the route's SQL: every declared property present (null when the caller left it out),
 * nested objects and arrays as JSON text for {@code jsonb} columns.
 */
@Component("requestBody")
public class RequestBodies {

    private final ObjectMapper objectMapper;
    private final StoredJson storedJson;

    public RequestBodies(ObjectMapper objectMapper, StoredJson storedJson) {
        this.objectMapper = objectMapper;
        this.storedJson = storedJson;
    }

    public Map<String, Object> read(String schemaName, Object body) {
        JsonNode node = validate(schemaName, body);
        JsonSchema schema = JsonSchemas.classpath("api/" + schemaName);
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Iterator<String> names = schema.getSchemaNode().path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            parameters.put(name, parameter(node.get(name)));
        }
        return parameters;
    }

    /** The body as JSON, once it satisfies the schema {@code api/<schemaName>}; else 400 naming each problem. */
    public JsonNode validate(String schemaName, Object body) {
        JsonNode node = toNode(body);
        Set<ValidationMessage> errors = JsonSchemas.classpath("api/" + schemaName).validate(node);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid request body", SchemaErrors.describe(errors));
        }
        return node;
    }

    private JsonNode toNode(Object body) {
        boolean parsedJson = body instanceof Map || body instanceof List || body instanceof Number
                || body instanceof Boolean || (body instanceof String text && !text.isBlank());
        if (!parsedJson) {
            throw ApiException.badRequest("Request body is required", List.of("body: is required"));
        }
        return objectMapper.valueToTree(body);
    }

    private Object parameter(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            return storedJson.write(value);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.textValue();
    }
}
