package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.api.ApiException;
import io.runwire.api.RequestBodies;
import io.runwire.crypto.SecretCipher;
import io.runwire.db.StoredJson;
import io.runwire.http.ReservedHeaders;
import io.runwire.schema.JsonSchemas;
import io.runwire.schema.SchemaErrors;
import io.runwire.security.SecretMasker;
import io.runwire.template.TemplateSyntax;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rules of a runbook definition at save time — an http(s) target, a parameter schema that is a JSON Schema, a
 * template that parses, credentials only where they are encrypted — and how a stored definition is shown:
 * with its secrets masked.
 */
@Component("runbookDefinitions")
public class RunbookDefinitions {

    /** An HTTP field name (RFC 9110 token). */
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private final RequestBodies requestBodies;
    private final ParameterValidator parameterValidator;
    private final TemplateSyntax templateSyntax;
    private final SecretCipher cipher;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;

    public RunbookDefinitions(RequestBodies requestBodies, ParameterValidator parameterValidator,
                              TemplateSyntax templateSyntax, SecretCipher cipher, StoredJson storedJson,
                              ObjectMapper objectMapper) {
        this.requestBodies = requestBodies;
        this.parameterValidator = parameterValidator;
        this.templateSyntax = templateSyntax;
        this.cipher = cipher;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
    }

    /**
     * A request body as the named parameters of runbook-insert.sql / runbook-update.sql: validated, defaults filled
     * in, credentials encrypted. {@code stored} is the runbook being replaced (PUT), or null (POST).
     */
    public Map<String, Object> prepare(Object body, Map<String, Object> stored) {
        JsonNode request = requestBodies.validate("runbook", body);
        List<String> problems = new ArrayList<>();
        Map<String, Object> definition = new LinkedHashMap<>();

        definition.put("teamId", teamId(request, stored, problems));
        definition.put("name", request.path("name").asText().trim());
        definition.put("description", text(request, "description"));
        definition.put("webhookUrl", httpUrl(request.path("webhookUrl").asText(), "webhookUrl", problems));
        definition.put("webhookMethod", request.path("webhookMethod").asText("POST"));
        definition.put("webhookHeaders", storedJson.write(headers(request.path("webhookHeaders"), problems)));
        definition.put("webhookAuth", auth(request.get("webhookAuth"), stored, problems));
        definition.put("parameters", storedJson.write(parameterSchema(request.get("parameters"), problems)));
        definition.put("payloadTemplate", template(text(request, "payloadTemplate"), problems));
        definition.put("timeoutSeconds", request.path("timeoutSeconds").asInt(300));
        JsonNode retry = request.get("retry");
        definition.put("retry", retry == null || retry.isNull() ? null : storedJson.write(retry));
        definition.put("changeNote", text(request, "changeNote"));

        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid runbook definition", problems.stream().sorted().toList());
        }
        return definition;
    }

    /** A stored runbook as the API shows it: auth decrypted only to be masked. */
    public Map<String, Object> present(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        shown.put("webhookAuth", maskedAuth((String) row.get("webhookAuth")));
        return shown;
    }

    public List<Map<String, Object>> presentAll(List<Map<String, Object>> rows) {
        return rows.stream().map(this::present).toList();
    }

    /** A row of runbook_version_view, its stored definition's auth masked. */
    public Map<String, Object> presentVersion(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        ObjectNode definition = (ObjectNode) storedJson.read(row.get("definition"));
        JsonNode auth = definition.get("webhookAuth");
        definition.set("webhookAuth", maskedAuth(auth == null || auth.isNull() ? null : auth.asText()));
        shown.put("definition", definition);
        return shown;
    }

    public List<Map<String, Object>> presentVersions(List<Map<String, Object>> rows) {
        return rows.stream().map(this::presentVersion).toList();
    }

    private ObjectNode maskedAuth(String ciphertext) {
        if (ciphertext == null) {
            return objectMapper.createObjectNode().put("type", "none");
        }
        return WebhookAuth.masked(cipher.decryptJson(ciphertext, ObjectNode.class));
    }

    private UUID teamId(JsonNode request, Map<String, Object> stored, List<String> problems) {
        UUID requested = request.hasNonNull("teamId") ? UUID.fromString(request.get("teamId").asText()) : null;
        if (stored == null) {
            return requested;
        }
        UUID current = (UUID) stored.get("teamId");
        if (request.has("teamId") && !java.util.Objects.equals(requested, current)) {
            problems.add("teamId: cannot be changed; create the runbook in the other team instead");
        }
        return current;
    }

    private static String httpUrl(String value, String field, List<String> problems) {
        try {
            URI uri = new URI(value.trim());
            String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problems.add(field + ": must be an absolute http or https URL");
            } else if (uri.getUserInfo() != null) {
                problems.add(field + ": must not carry credentials; put them in webhookAuth, where they are encrypted");
            }
        } catch (URISyntaxException e) {
            problems.add(field + ": is not a valid URL (" + e.getReason() + ")");
        }
        return value.trim();
    }

    private ObjectNode headers(JsonNode headers, List<String> problems) {
        ObjectNode accepted = objectMapper.createObjectNode();
        if (headers == null || !headers.isObject()) {
            return accepted;
        }
        headers.fields().forEachRemaining(header -> {
            String name = header.getKey();
            String where = "webhookHeaders." + name;
            if (!name.matches(HEADER_NAME)) {
                problems.add(where + ": is not a valid header name");
            } else if (ReservedHeaders.isReserved(name)) {
                problems.add(where + ": " + ReservedHeaders.reason(name));
            } else if (name.equalsIgnoreCase("authorization") || SecretMasker.isSecretKey(name)) {
                problems.add(where + ": carries a credential; put it in webhookAuth (type headers), where it is encrypted");
            } else if (header.getValue().asText().matches(".*[\\r\\n].*")) {
                problems.add(where + ": must not contain line breaks");
            }
            accepted.put(name, header.getValue().asText());
        });
        return accepted;
    }

    private String auth(JsonNode auth, Map<String, Object> stored, List<String> problems) {
        String type = WebhookAuth.type(auth);
        if (type.equals("none")) {
            if (auth != null && auth.isObject() && auth.size() > 1) {
                problems.add("webhookAuth: type none takes no other fields");
            }
            return null;
        }
        ObjectNode submitted = auth.deepCopy();
        String ciphertext = stored == null ? null : (String) stored.get("webhookAuth");
        problems.addAll(WebhookAuth.keepMaskedSecrets(submitted,
                ciphertext == null ? null : cipher.decryptJson(ciphertext, ObjectNode.class)));
        var errors = JsonSchemas.classpath("api/webhook-auth/" + type).validate(submitted);
        SchemaErrors.describe(errors).forEach(problem -> problems.add("webhookAuth." + problem));
        if (type.equals("headers")) {
            submitted.path("headers").fieldNames().forEachRemaining(name -> {
                if (ReservedHeaders.isReserved(name)) {
                    problems.add("webhookAuth.headers." + name + ": " + ReservedHeaders.reason(name));
                }
            });
        }
        if (type.equals("oauth2") && submitted.hasNonNull("tokenUrl")) {
            httpUrl(submitted.get("tokenUrl").asText(), "webhookAuth.tokenUrl", problems);
        }
        return cipher.encryptJson(submitted);
    }

    private JsonNode parameterSchema(JsonNode parameters, List<String> problems) {
        JsonNode schema = parameters == null || parameters.isNull()
                ? objectMapper.createObjectNode().put("type", "object")
                : parameters;
        parameterValidator.checkSchema(schema).forEach(problem -> problems.add("parameters." + problem));
        return schema;
    }

    private String template(String template, List<String> problems) {
        if (template != null) {
            templateSyntax.check(template).ifPresent(error -> problems.add("payloadTemplate: " + error));
        }
        return template;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
