package io.runwire.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.api.ApiException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode SCHEMA = json("""
            {
              "type": "object",
              "required": ["service"],
              "properties": {
                "service":  {"type": "string", "maxLength": 20},
                "level":    {"type": "string", "enum": ["info", "warn"], "default": "info"},
                "replicas": {"type": "integer", "minimum": 1, "maximum": 10, "default": 2},
                "dryRun":   {"type": "boolean", "default": false},
                "apiToken": {"type": "string", "writeOnly": true},
                "target": {
                  "type": "object",
                  "required": ["port"],
                  "properties": {
                    "host":     {"type": "string", "default": "localhost"},
                    "port":     {"type": "integer", "minimum": 1, "maximum": 65535},
                    "password": {"type": "string", "writeOnly": true}
                  }
                },
                "notify": {
                  "type": "object",
                  "default": {},
                  "properties": {"channel": {"type": "string", "default": "#ops"}}
                }
              }
            }
            """);
    private static final String DEFAULTS = "\"level\":\"info\",\"replicas\":2,\"dryRun\":false,"
            + "\"notify\":{\"channel\":\"#ops\"}";

    private final ParameterValidator validator = new ParameterValidator();

    static Stream<Arguments> acceptedParameters() {
        return Stream.of(
                Arguments.of("defaults fill what was left out",
                        "{\"service\":\"api\"}",
                        "{\"service\":\"api\"," + DEFAULTS + "}"),
                Arguments.of("defaults of nested object properties are applied",
                        "{\"service\":\"api\",\"target\":{\"port\":8080}}",
                        "{\"service\":\"api\",\"target\":{\"port\":8080,\"host\":\"localhost\"}," + DEFAULTS + "}"),
                Arguments.of("given values win over defaults",
                        "{\"service\":\"api\",\"level\":\"warn\",\"replicas\":5,\"dryRun\":true,"
                                + "\"notify\":{\"channel\":\"#x\"}}",
                        "{\"service\":\"api\",\"level\":\"warn\",\"replicas\":5,\"dryRun\":true,"
                                + "\"notify\":{\"channel\":\"#x\"}}"),
                Arguments.of("secrets are ordinary values here",
                        "{\"service\":\"api\",\"apiToken\":\"t0k\",\"target\":{\"port\":1,\"password\":\"pw\"}}",
                        "{\"service\":\"api\",\"apiToken\":\"t0k\",\"target\":{\"port\":1,\"password\":\"pw\","
                                + "\"host\":\"localhost\"}," + DEFAULTS + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedParameters")
    void acceptsValidParametersAndAppliesDefaults(String rule, String submitted, String expected) {
        JsonNode input = json(submitted);

        ParameterValidator.Result result = validator.validate(SCHEMA, input);

        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.parameters()).isEqualTo(json(expected));
        assertThat(input).as("the caller's node is left as it was").isEqualTo(json(submitted));
    }

    static Stream<Arguments> refusedParameters() {
        return Stream.of(
                Arguments.of("unknown parameter",
                        "{\"service\":\"api\",\"force\":true}",
                        List.of("force: is not a parameter of this runbook")),
                Arguments.of("wrong type",
                        "{\"service\":42}",
                        List.of("service: integer found, string expected")),
                Arguments.of("missing required",
                        "{\"level\":\"warn\"}",
                        List.of("service: is required")),
                Arguments.of("not in enum",
                        "{\"service\":\"api\",\"level\":\"debug\"}",
                        List.of("level: does not have a value in the enumeration [\"info\", \"warn\"]")),
                Arguments.of("below minimum",
                        "{\"service\":\"api\",\"replicas\":0}",
                        List.of("replicas: must have a minimum value of 1")),
                Arguments.of("above maxLength",
                        "{\"service\":\"a-service-name-too-long\"}",
                        List.of("service: must be at most 20 characters long")),
                Arguments.of("nested wrong type",
                        "{\"service\":\"api\",\"target\":{\"port\":\"http\"}}",
                        List.of("target.port: string found, integer expected")),
                Arguments.of("nested missing required",
                        "{\"service\":\"api\",\"target\":{\"host\":\"h\"}}",
                        List.of("target.port: is required")),
                Arguments.of("explicit null is not replaced by the default",
                        "{\"service\":\"api\",\"replicas\":null}",
                        List.of("replicas: null found, integer expected")),
                Arguments.of("every problem, sorted",
                        "{\"service\":1,\"replicas\":0,\"zz\":1,\"aa\":2,\"target\":{\"port\":70000}}",
                        List.of("aa: is not a parameter of this runbook",
                                "replicas: must have a minimum value of 1",
                                "service: integer found, string expected",
                                "target.port: must have a maximum value of 65535",
                                "zz: is not a parameter of this runbook")),
                Arguments.of("an array is not parameters",
                        "[{\"service\":\"api\"}]",
                        List.of("parameters: must be a JSON object, not an array")),
                Arguments.of("a string is not parameters",
                        "\"service=api\"",
                        List.of("parameters: must be a JSON object, not a string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedParameters")
    void refusesInvalidParametersWithOneMessagePerProblem(String rule, String submitted, List<String> errors) {
        ParameterValidator.Result result = validator.validate(SCHEMA, json(submitted));

        assertThat(result.isValid()).isFalse();
        assertThat(result.parameters()).isNull();
        assertThat(result.errors()).containsExactlyElementsOf(errors);
    }

    @Test
    void aMissingBodyMeansNoParameters() {
        JsonNode optional = json("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"default\":1}}}");

        assertThat(validator.validate(optional, null).parameters()).isEqualTo(json("{\"n\":1}"));
        assertThat(validator.validate(optional, MAPPER.nullNode()).parameters()).isEqualTo(json("{\"n\":1}"));
        assertThat(validator.validate(optional, MAPPER.missingNode()).parameters()).isEqualTo(json("{\"n\":1}"));
        assertThat(validator.validate(SCHEMA, null).errors()).containsExactly("service: is required");
    }

    @Test
    void aRunbookWithoutSchemaTakesNoParameters() {
        assertThat(validator.validate(null, json("{}")).parameters()).isEqualTo(json("{}"));
        assertThat(validator.validate(null, json("{\"x\":1}")).errors())
                .containsExactly("x: is not a parameter of this runbook");
    }

    @Test
    void unknownParametersReadTheSameWhenTheSchemaForbidsThemItself() {
        JsonNode closed = json("{\"type\":\"object\",\"properties\":{\"a\":{}},\"additionalProperties\":false}");

        assertThat(validator.validate(closed, json("{\"a\":1,\"b\":2}")).errors())
                .containsExactly("b: is not a parameter of this runbook");
    }

    @Test
    void extraParametersPassOnlyWhenTheSchemaAllowsThem() {
        JsonNode open = json("{\"type\":\"object\",\"properties\":{\"a\":{}},\"additionalProperties\":true}");
        JsonNode patterned = json("{\"type\":\"object\",\"patternProperties\":{\"^x-\":{\"type\":\"string\"}}}");

        assertThat(validator.validate(open, json("{\"a\":1,\"b\":2}")).isValid()).isTrue();
        assertThat(validator.validate(patterned, json("{\"x-team\":\"ops\"}")).isValid()).isTrue();
        assertThat(validator.validate(patterned, json("{\"y\":\"ops\"}")).errors())
                .containsExactly("y: is not a parameter of this runbook");
    }

    @Test
    void requireThrowsTheApiErrorOfTheTrigger() {
        assertThat(validator.require(SCHEMA, json("{\"service\":\"api\"}")).get("level").textValue()).isEqualTo("info");
        assertThatThrownBy(() -> validator.require(SCHEMA, json("{\"nope\":1}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid parameters");
                    assertThat(e.details()).containsExactly(
                            "nope: is not a parameter of this runbook", "service: is required");
                });
    }

    // --- writeOnly secrets

    @Test
    void findsWriteOnlyPropertiesAtAnyDepth() {
        assertThat(validator.secretPaths(SCHEMA)).containsExactly("apiToken", "target.password");
        assertThat(validator.secretPaths(json("{\"type\":\"object\"}"))).isEmpty();
        assertThat(validator.secretPaths(null)).isEmpty();
    }

    @Test
    void masksSecretValuesForResponsesAndAudit() {
        JsonNode parameters = json("{\"service\":\"api\",\"apiToken\":\"t0k\",\"target\":{\"port\":1,\"password\":\"pw\"}}");

        assertThat(validator.mask(SCHEMA, parameters)).isEqualTo(
                json("{\"service\":\"api\",\"apiToken\":\"****\",\"target\":{\"port\":1,\"password\":\"****\"}}"));
        assertThat(validator.mask(SCHEMA, json("{\"service\":\"api\",\"apiToken\":null}")))
                .as("nothing is invented for absent or null secrets")
                .isEqualTo(json("{\"service\":\"api\",\"apiToken\":null}"));
        assertThat(parameters.get("apiToken").textValue()).isEqualTo("t0k");
    }

    @Test
    void splitsSecretsOffForEncryptionAndMergesThemBack() {
        JsonNode parameters = validator.validate(SCHEMA,
                json("{\"service\":\"api\",\"apiToken\":\"t0k\",\"target\":{\"port\":1,\"password\":\"pw\"}}"))
                .parameters();

        JsonNode plain = validator.withoutSecrets(SCHEMA, parameters);
        JsonNode secrets = validator.secrets(SCHEMA, parameters);

        assertThat(plain.toString()).doesNotContain("t0k", "pw", "apiToken", "password");
        assertThat(secrets).isEqualTo(json("{\"apiToken\":\"t0k\",\"target\":{\"password\":\"pw\"}}"));
        assertThat(validator.merge(plain, secrets)).isEqualTo(parameters);
        assertThat(validator.secrets(SCHEMA, json("{\"service\":\"api\"}"))).isEqualTo(json("{}"));
        assertThat(validator.merge(json("{\"service\":\"api\"}"), json("{}"))).isEqualTo(json("{\"service\":\"api\"}"));
    }

    // --- save time: the schema itself

    static Stream<Arguments> refusedSchemas() {
        String rootRule = "type: must be \"object\": a runbook's parameters are the named properties "
                + "of one JSON object";
        return Stream.of(
                Arguments.of("{\"type\":\"array\"}", rootRule),
                Arguments.of("{\"properties\":{\"a\":{}}}", rootRule),
                Arguments.of("[{\"type\":\"object\"}]", rootRule),
                Arguments.of("\"object\"", rootRule),
                Arguments.of("true", rootRule),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"strnig\"}}}",
                        "properties.x.type: does not have a value in the enumeration"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\",\"minLength\":-1}}}",
                        "properties.x.minLength: must have a minimum value of 0"),
                Arguments.of("{\"type\":\"object\",\"required\":\"x\"}",
                        "required: string found, array expected"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"#/$defs/missing\"}}}",
                        "$ref: Reference /$defs/missing cannot be resolved"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"http://169.254.169.254/latest\"}}}",
                        "$ref: Schema from 'http://169.254.169.254/latest' is not allowed to be loaded"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"file:///etc/passwd\"}}}",
                        "is not allowed to be loaded"),
                Arguments.of("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\"}",
                        "$schema: must be https://json-schema.org/draft/2020-12/schema or left out"),
                Arguments.of("{\"type\":\"object\",\"$defs\":{\"pw\":{\"type\":\"string\",\"writeOnly\":true}},"
                                + "\"properties\":{\"p\":{\"$ref\":\"#/$defs/pw\"}}}",
                        "$defs.pw.writeOnly: secrets are only recognised on properties reached through"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"string\",\"writeOnly\":true,"
                                + "\"default\":\"hunter2\"}}}",
                        "properties.p.default: a writeOnly (secret) parameter cannot have a default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSchemas")
    void refusesUnusableSchemas(String schema, String problem) {
        assertThat(validator.checkSchema(json(schema))).anySatisfy(line -> assertThat(line).contains(problem));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"object\"}",
            "{\"type\":\"object\",\"properties\":{}}",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"$defs\":{\"port\":{\"type\":\"integer\",\"minimum\":1}},"
                    + "\"properties\":{\"p\":{\"$ref\":\"#/$defs/port\"},\"e\":{\"type\":\"string\",\"format\":\"email\"}},"
                    + "\"additionalProperties\":false}",
    })
    void acceptsUsableSchemas(String schema) {
        assertThat(validator.checkSchema(json(schema))).isEmpty();
    }

    @Test
    void acceptsTheRunbookSchemaOfThisTableAndNoSchemaAtAll() {
        assertThat(validator.checkSchema(SCHEMA)).isEmpty();
        assertThat(validator.checkSchema(null)).isEmpty();
        assertThat(validator.checkSchema(MAPPER.nullNode())).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
