package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.api.ApiException;
import io.runwire.api.RequestBodies;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import io.runwire.http.TargetCredentials;
import io.runwire.http.TargetRules;
import io.runwire.template.TemplateSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rules of a runbook definition at save time — an http(s) target, a parameter schema that is a JSON Schema, a
 * template that parses, credentials only where they are encrypted — and how a stored definition is shown:
 * with its secrets masked.
 */
@Component("runbookDefinitions")
public class RunbookDefinitions {

    private final RequestBodies requestBodies;
    private final ParameterValidator parameterValidator;
    private final TemplateSyntax templateSyntax;
    private final TargetCredentials credentials;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;

    public RunbookDefinitions(RequestBodies requestBodies, ParameterValidator parameterValidator,
                              TemplateSyntax templateSyntax, TargetCredentials credentials, StoredJson storedJson,
                              ObjectMapper objectMapper) {
        this.requestBodies = requestBodies;
        this.parameterValidator = parameterValidator;
        this.templateSyntax = templateSyntax;
        this.credentials = credentials;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
    }

    /**
     * A request body as the named parameters of runbook-insert.sql / runbook-update.sql: validated, defaults filled
     * in, credentials encrypted for the runbook {@code runbookId}. {@code stored} is the runbook being replaced (PUT),
     * or null (POST: {@code runbookId} is the id the new row gets).
     */
    public Map<String, Object> prepare(Object body, Map<String, Object> stored, Object runbookId) {
        JsonNode request = requestBodies.validate("runbook", body);
        List<String> problems = new ArrayList<>();
        Map<String, Object> definition = new LinkedHashMap<>();

        definition.put("teamId", teamId(request, stored, problems));
        definition.put("name", request.path("name").asText().trim());
        definition.put("description", text(request, "description"));
        definition.put("webhookUrl",
                TargetRules.httpUrl(request.path("webhookUrl").asText(), "webhookUrl", "webhookAuth", problems));
        definition.put("webhookMethod", request.path("webhookMethod").asText("POST"));
        definition.put("webhookHeaders", storedJson.write(
                TargetRules.headers(request.path("webhookHeaders"), "webhookHeaders", "webhookAuth", problems)));
        definition.put("webhookAuth", credentials.encrypt(request.get("webhookAuth"),
                stored == null ? null : (String) stored.get("webhookAuth"), SecretPlace.runbookAuth(runbookId),
                "webhookAuth", problems));
        definition.put("parameters", storedJson.write(parameterSchema(request.get("parameters"), problems)));
        definition.put("payloadTemplate", template(text(request, "payloadTemplate"), problems));
        definition.put("timeoutSeconds", request.path("timeoutSeconds").asInt(300));
        JsonNode retry = request.get("retry");
        definition.put("retry", retry == null || retry.isNull() ? null : storedJson.write(retry));
        definition.put("concurrency", concurrency(request.get("concurrency")));
        definition.put("changeNote", text(request, "changeNote"));

        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid runbook definition", problems.stream().sorted().toList());
        }
        return definition;
    }

    /** A stored runbook as the API shows it: auth decrypted only to be masked. */
    public Map<String, Object> present(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        shown.put("webhookAuth",
                credentials.masked((String) row.get("webhookAuth"), SecretPlace.runbookAuth(row.get("id"))));
        return shown;
    }

    public List<Map<String, Object>> presentAll(List<Map<String, Object>> rows) {
        return rows.stream().map(this::present).toList();
    }

    /** A row of runbook_version_view, its stored definition's auth masked (bound to the runbook, as a version is). */
    public Map<String, Object> presentVersion(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        ObjectNode definition = (ObjectNode) storedJson.read(row.get("definition"));
        JsonNode auth = definition.get("webhookAuth");
        definition.set("webhookAuth", credentials.masked(auth == null || auth.isNull() ? null : auth.asText(),
                SecretPlace.runbookAuth(row.get("runbookId"))));
        shown.put("definition", definition);
        return shown;
    }

    public List<Map<String, Object>> presentVersions(List<Map<String, Object>> rows) {
        return rows.stream().map(this::presentVersion).toList();
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

    /** The limit as stored: with its scope, global unless the request says incident. */
    private String concurrency(JsonNode concurrency) {
        if (concurrency == null || concurrency.isNull()) {
            return null;
        }
        return storedJson.write(objectMapper.createObjectNode()
                .put("limit", concurrency.get("limit").asInt())
                .put("scope", concurrency.path("scope").asText("global")));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
