package io.runwire.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import graphql.GraphQLContext;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The published specs of the services Runwire opens tickets in (src/test/resources/specs, see SOURCES.md there), each
 * read once per test run and checked against the digest SOURCES.md gives: Atlassian's Jira Cloud platform REST v3
 * OpenAPI document (request bodies validated by json-schema-validator with the document's own
 * {@code #/components/schemas/...} refs) and Linear's GraphQL schema (documents validated by graphql-java, their
 * variables coerced against the schema's input types).
 */
public final class PublishedSpecs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedSpecs() {
    }

    /** What is wrong with {@code body} as the Jira schema {@code component} (e.g. IssueUpdateDetails); empty: nothing. */
    public static List<String> jiraProblems(String component, String body) {
        try {
            JsonSchema schema = Jira.schema(component);
            List<String> problems = new ArrayList<>();
            for (ValidationMessage message : schema.validate(JSON.readTree(body))) {
                problems.add(message.getMessage());
            }
            return problems;
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /**
     * What is wrong with a GraphQL request {@code {query, variables}} against Linear's schema: the document's syntax
     * and validation errors, then its variables' coercion errors. Empty: nothing.
     */
    public static List<String> linearProblems(String request) {
        JsonNode node;
        try {
            node = JSON.readTree(request);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        Document document;
        try {
            document = Parser.parse(node.path("query").asText());
        } catch (RuntimeException syntax) {
            return List.of("syntax: " + syntax.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (ValidationError error : graphql.ParseAndValidate.validate(Linear.SCHEMA, document, Locale.ENGLISH)) {
            problems.add(error.getMessage());
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = node.path("variables").isObject()
                ? JSON.convertValue(node.get("variables"), Map.class) : Map.of();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            try {
                ValuesResolver.coerceVariableValues(Linear.SCHEMA, operation.getVariableDefinitions(),
                        RawVariables.of(variables), GraphQLContext.getDefault(), Locale.ENGLISH);
            } catch (RuntimeException coercion) {
                problems.add("variables: " + coercion.getMessage());
            }
        }
        return problems;
    }

    private static final class Jira {
        private static final String LOCATION = "classpath:specs/jira-platform-v3.openapi.json";
        private static final JsonSchemaFactory FACTORY;
        private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().build();
        private static final Map<String, JsonSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

        static {
            String document = read("jira-platform-v3.openapi.json",
                    "1f0911c58a45c712ba748f6b2b71bad688a0d28283296e6d24c7b2cc0d304624");
            FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
                    .metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(LOCATION, document))));
        }

        static JsonSchema schema(String component) {
            return SCHEMAS.computeIfAbsent(component, name -> {
                JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(LOCATION + "#/components/schemas/" + name), CONFIG);
                schema.initializeValidators();
                return schema;
            });
        }
    }

    private static final class Linear {
        static final GraphQLSchema SCHEMA = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(
                read("linear-schema.graphql", "b00d24d8d252a306f5e2088267b1a17dd6e4442f8b793928410b8d4673a7081d")));
    }

    /** The spec file's text, refused unless it is byte for byte the one SOURCES.md describes. */
    private static String read(String file, String sha256) {
        try (InputStream in = PublishedSpecs.class.getClassLoader().getResourceAsStream("specs/" + file)) {
            if (in == null) {
                throw new IllegalStateException("No spec specs/" + file + " on the test classpath");
            }
            byte[] bytes = in.readAllBytes();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!digest.equals(sha256)) {
                throw new IllegalStateException("specs/" + file + " is not the published document of SOURCES.md");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
