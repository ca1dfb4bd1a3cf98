package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.ApplyDefaultsStrategy;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.runwire.api.ApiException;
import io.runwire.schema.JsonSchemas;
import io.runwire.schema.SchemaErrors;
import io.runwire.security.SecretMasker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * A runbook's {@code parameters} is a JSON Schema (draft 2020-12) for one JSON object. At save time the schema is
 * checked; at trigger time the submitted parameters are validated against it, unknown parameters are refused and
 * schema defaults are applied. Properties marked {@code "writeOnly": true} are secrets: masked in responses and audit,
 * and split off so the caller can store them encrypted.
 */
@Component("parameterValidator")
public class ParameterValidator {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String ROOT = "parameters";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keywords whose value is data, not a schema: a writeOnly found inside them means nothing. */
    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");

    /** Only the bundled meta-schemas load: a $ref or $schema to a URL or file is refused, never fetched. */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(JsonSchemas.factory())
            .schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(
                    iri -> iri.toString().startsWith("classpath:draft/"))))
            .build();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            // defaults fill in missing properties, at any depth; an explicit null stays null
            .applyDefaultsStrategy(new ApplyDefaultsStrategy(true, false, false))
            .build();
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(DIALECT), CONFIG);

    public record Result(JsonNode parameters, List<String> errors) {

        public Result {
            errors = List.copyOf(errors);
        }

        static Result valid(JsonNode parameters) {
            return new Result(parameters, List.of());
        }

        static Result invalid(List<String> errors) {
            return new Result(null, errors);
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    /**
     * Problems with a runbook's parameter schema, as {@code "<path>: <problem>"} with paths inside the schema
     * ({@code properties.port.type}), for the caller to place under its field; empty when the schema can be used.
     */
    public List<String> checkSchema(JsonNode schema) {
        if (absent(schema)) {
            return List.of();
        }
        if (!schema.isObject() || !"object".equals(schema.path("type").textValue())) {
            return List.of("type: must be \"object\": a runbook's parameters are the named properties "
                    + "of one JSON object");
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !DIALECT.equals(dialect.textValue()) && !(DIALECT + "#").equals(dialect.textValue())) {
            return List.of("$schema: must be " + DIALECT + " or left out");
        }
        List<String> problems = new ArrayList<>(SchemaErrors.describe(META_SCHEMA.validate(schema), "(root)"));
        if (problems.isEmpty()) {
            problems.addAll(compileProblems(schema));
        }
        problems.addAll(secretProblems(schema));
        return problems.stream().distinct().sorted().toList();
    }

    /** The parameters with defaults applied, or every problem as {@code "<path>: <problem>"}. */
    public Result validate(JsonNode schema, JsonNode submitted) {
        JsonNode parameters = absent(submitted) ? NODES.objectNode() : submitted.deepCopy();
        if (!parameters.isObject()) {
            return Result.invalid(List.of(ROOT + ": must be a JSON object, not " + kind(parameters)));
        }
        JsonSchema compiled = compiled(absent(schema) ? NODES.objectNode().put("type", "object") : schema);
        Set<ValidationMessage> messages = compiled.walk(parameters, true).getValidationMessages();
        if (messages.isEmpty()) {
            return Result.valid(parameters);
        }
        List<String> errors = new ArrayList<>();
        List<ValidationMessage> others = new ArrayList<>();
        for (ValidationMessage message : messages) {
            if (isUnknownParameter(message)) {
                errors.add(message.getProperty() + ": is not a parameter of this runbook");
            } else {
                others.add(message);
            }
        }
        errors.addAll(SchemaErrors.describe(others, ROOT));
        return Result.invalid(errors.stream().distinct().sorted().toList());
    }

    /** For a route: the parameters with defaults applied, or a 400 {@code Invalid parameters} with the details. */
    public JsonNode require(JsonNode schema, JsonNode submitted) {
        Result result = validate(schema, submitted);
        if (!result.isValid()) {
            throw ApiException.badRequest("Invalid parameters", result.errors());
        }
        return result.parameters();
    }

    /** Dotted paths of the secret parameters, e.g. {@code apiToken}, {@code target.password}. */
    public Set<String> secretPaths(JsonNode schema) {
        Set<String> paths = new LinkedHashSet<>();
        for (List<String> path : secrets(schema)) {
            paths.add(String.join(".", path));
        }
        return paths;
    }

    /** The parameters with every secret value shown as {@code "****"}: for responses, logs and audit. */
    public JsonNode mask(JsonNode schema, JsonNode parameters) {
        return changeSecrets(schema, parameters, (parent, name) -> {
            if (parent.hasNonNull(name)) {
                parent.set(name, TextNode.valueOf(SecretMasker.MASK));
            }
        });
    }

    /** The parameters without their secrets: what may be stored in plain text. */
    public JsonNode withoutSecrets(JsonNode schema, JsonNode parameters) {
        return changeSecrets(schema, parameters, ObjectNode::remove);
    }

    /** A copy of the parameters with {@code change} applied to each secret (its parent object and its name). */
    private JsonNode changeSecrets(JsonNode schema, JsonNode parameters, BiConsumer<ObjectNode, String> change) {
        if (absent(parameters)) {
            return parameters;
        }
        JsonNode copy = parameters.deepCopy();
        for (List<String> path : secrets(schema)) {
            ObjectNode parent = parent(copy, path, false);
            if (parent != null) {
                change.accept(parent, last(path));
            }
        }
        return copy;
    }

    /** Only the secrets, nested as in the parameters ({@code {}} when none): the caller encrypts this as one value. */
    public ObjectNode secrets(JsonNode schema, JsonNode parameters) {
        ObjectNode secrets = NODES.objectNode();
        if (absent(parameters)) {
            return secrets;
        }
        for (List<String> path : secrets(schema)) {
            ObjectNode parent = parent(parameters, path, false);
            String name = last(path);
            if (parent != null && parent.has(name)) {
                parent(secrets, path, true).set(name, parent.get(name).deepCopy());
            }
        }
        return secrets;
    }

    /** {@link #withoutSecrets} and {@link #secrets} put back together: the parameters as they were validated. */
    public JsonNode merge(JsonNode withoutSecrets, JsonNode secrets) {
        JsonNode merged = absent(withoutSecrets) ? NODES.objectNode() : withoutSecrets.deepCopy();
        if (!absent(secrets) && merged instanceof ObjectNode target) {
            mergeInto(target, secrets);
        }
        return merged;
    }

    private static void mergeInto(ObjectNode target, JsonNode source) {
        source.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode nested && field.getValue().isObject()) {
                mergeInto(nested, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }

    /** Runbooks keep their schema from trigger to trigger; compiled once, not on every execute. */
    private static final int COMPILED_SCHEMAS = 256;
    private static final Map<JsonNode, JsonSchema> COMPILED = Collections.synchronizedMap(
            new LinkedHashMap<>(COMPILED_SCHEMAS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<JsonNode, JsonSchema> eldest) {
                    return size() > COMPILED_SCHEMAS;
                }
            });

    private static JsonSchema compiled(JsonNode schema) {
        JsonSchema known = COMPILED.get(schema);
        if (known != null) {
            return known;
        }
        JsonSchema fresh = compile(schema);
        COMPILED.put(schema.deepCopy(), fresh);
        return fresh;
    }

    private static JsonSchema compile(JsonNode schema) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException("A runbook's parameter schema must be a JSON object");
        }
        ObjectNode strict = schema.deepCopy();
        // unknown parameters are refused unless the schema itself says what else is allowed
        if (!strict.has("additionalProperties") && !strict.has("unevaluatedProperties")) {
            strict.put("unevaluatedProperties", false);
        }
        JsonSchema compiled = FACTORY.getSchema(strict, CONFIG);
        compiled.initializeValidators();
        return compiled;
    }

    private static List<String> compileProblems(JsonNode schema) {
        try {
            compile(schema);
            return List.of();
        } catch (JsonSchemaException e) {
            // the library names no place for these: they all come from a $ref it cannot or may not follow
            String message = e.getMessage() == null ? "cannot be used" : e.getMessage().replaceFirst("^[:\\s]+", "");
            return List.of("$ref: " + message);
        }
    }

    /** A writeOnly the masking cannot see (under $defs, allOf, items...) would leak; a secret's default is plain text. */
    private static List<String> secretProblems(JsonNode schema) {
        Set<String> seen = new LinkedHashSet<>();
        for (List<String> path : secrets(schema)) {
            seen.add(pointer(path));
        }
        List<String> problems = new ArrayList<>();
        findWriteOnly(schema, "", (location, node) -> {
            String where = location.substring(1).replace('/', '.');
            if (!seen.contains(location)) {
                problems.add(where + ".writeOnly: secrets are only recognised on properties reached through "
                        + "\"properties\" from the root");
            } else if (node.has("default")) {
                problems.add(where + ".default: a writeOnly (secret) parameter cannot have a default");
            }
        });
        return problems;
    }

    private interface WriteOnlyFound {
        void at(String location, JsonNode node);
    }

    private static void findWriteOnly(JsonNode node, String location, WriteOnlyFound found) {
        if (node.isObject()) {
            if (node.path("writeOnly").asBoolean(false)) {
                found.at(location, node);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!DATA_KEYWORDS.contains(field.getKey())) {
                    findWriteOnly(field.getValue(), location + "/" + field.getKey(), found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findWriteOnly(node.get(i), location + "/" + i, found);
            }
        }
    }

    /** Paths (property names from the root) of properties marked writeOnly, through nested "properties". */
    private static List<List<String>> secrets(JsonNode schema) {
        List<List<String>> paths = new ArrayList<>();
        if (!absent(schema)) {
            collectSecrets(schema, List.of(), paths);
        }
        return paths;
    }

    private static void collectSecrets(JsonNode schema, List<String> path, List<List<String>> paths) {
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> child = Stream.concat(path.stream(), Stream.of(field.getKey())).toList();
            if (field.getValue().path("writeOnly").asBoolean(false)) {
                paths.add(child);
            } else {
                collectSecrets(field.getValue(), child, paths);
            }
        }
    }

    private static ObjectNode parent(JsonNode root, List<String> path, boolean create) {
        JsonNode node = root;
        for (String name : path.subList(0, path.size() - 1)) {
            JsonNode next = node.get(name);
            if (next == null && create && node instanceof ObjectNode object) {
                next = object.putObject(name);
            }
            if (next == null || !next.isObject()) {
                return null;
            }
            node = next;
        }
        return node instanceof ObjectNode object ? object : null;
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }

    private static String pointer(List<String> path) {
        StringBuilder pointer = new StringBuilder();
        path.forEach(name -> pointer.append("/properties/").append(name));
        return pointer.toString();
    }

    private static boolean isUnknownParameter(ValidationMessage message) {
        String type = message.getType();
        boolean atRoot = message.getInstanceLocation().getNameCount() == 0;
        return atRoot && message.getProperty() != null
                && ("unevaluatedProperties".equals(type) || "additionalProperties".equals(type));
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
