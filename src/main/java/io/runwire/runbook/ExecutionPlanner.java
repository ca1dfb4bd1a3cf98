package io.runwire.runbook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import io.runwire.http.RetryPolicy;
import io.runwire.signing.SigningSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Maps a claimed execution's snapshot to its plan (where to send what, how) and to the values its template sees. */
@Component("executionPlanner")
public class ExecutionPlanner {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final RunbookExecutions executions;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;
    private final SigningSecrets signingSecrets;

    public ExecutionPlanner(RunbookExecutions executions, StoredJson storedJson, ObjectMapper objectMapper,
                            SigningSecrets signingSecrets) {
        this.executions = executions;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
        this.signingSecrets = signingSecrets;
    }

    /** {@code claimed}: a row of runbook-execution-claim.sql. */
    public ExecutionPlan plan(Map<String, Object> claimed) {
        JsonNode definition = storedJson.read(claimed.get("definition"));
        JsonNode auth = definition.get("webhookAuth");
        return new ExecutionPlan(
                String.valueOf(claimed.get("id")),
                String.valueOf(claimed.get("runbookId")),
                definition.path("name").asText(),
                definition.path("version").asInt(),
                definition.path("webhookUrl").asText(),
                definition.path("webhookMethod").asText("POST"),
                objectMapper.convertValue(definition.path("webhookHeaders"), HEADERS),
                auth == null || auth.isNull() ? null : auth.asText(),
                // the snapshot's copy of the runbook's auth is bound to the runbook the execution row names
                SecretPlace.runbookAuth(claimed.get("runbookId")),
                definition.path("payloadTemplate").isTextual() ? definition.get("payloadTemplate").asText() : null,
                definition.path("timeoutSeconds").asInt(300),
                RetryPolicy.of(((Number) claimed.get("maxAttempts")).intValue(), definition.path("retry")),
                executions.withSecrets(claimed.get("parameters"), claimed.get("id")),
                // the runbook's signing secrets as they are at this claim, not as they were at the trigger
                signingSecrets.keys(claimed.get("signingSecrets")));
    }

    /** What a template sees ({@code $incident}, {@code $team}, ...): a row of runbook-execution-claim.sql. */
    public Map<String, Object> templateValues(ExecutionPlan plan, Map<String, Object> context) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("incident", object(context.get("incident")));
        values.put("team", object(context.get("team")));
        values.put("assignee", object(context.get("assignee")));
        values.put("workflow", object(context.get("workflow")));
        values.put("runbook", Map.of("id", plan.runbookId(), "name", plan.runbookName(), "version", plan.runbookVersion()));
        values.put("params", objectMapper.convertValue(plan.parameters(), OBJECT));
        values.put("execution", Map.of("id", plan.executionId()));
        return values;
    }

    /** Without a template the target still gets the whole story, as JSON. */
    public String defaultPayload(Map<String, Object> templateValues) {
        ObjectNode payload = objectMapper.createObjectNode();
        payload.set("execution", objectMapper.valueToTree(templateValues.get("execution")));
        payload.set("runbook", objectMapper.valueToTree(templateValues.get("runbook")));
        payload.set("incident", objectMapper.valueToTree(templateValues.get("incident")));
        payload.set("team", objectMapper.valueToTree(templateValues.get("team")));
        payload.set("parameters", objectMapper.valueToTree(templateValues.get("params")));
        return payload.toString();
    }

    private Map<String, Object> object(Object json) {
        return json == null ? null : objectMapper.convertValue(storedJson.read(json), OBJECT);
    }
}
