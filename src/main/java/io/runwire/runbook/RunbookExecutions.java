package io.runwire.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.api.ApiException;
import io.runwire.api.RequestBodies;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretCipherException;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The API side of runbook executions: the parameters a trigger stores (write-only values encrypted under
 * {@value #SECRETS}, shown as {@code "****"}), and how an execution is shown.
 */
@Component("runbookExecutions")
public class RunbookExecutions {

    /** Key of the parameters' encrypted secrets inside the stored jsonb; never shown. */
    public static final String SECRETS = "$secrets";

    /** Validated parameters: {@code stored} for the jsonb column, {@code masked} for responses and audit. */
    public record Parameters(String stored, JsonNode masked) {
    }

    private final RequestBodies requestBodies;
    private final ParameterValidator validator;
    private final SecretCipher cipher;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;

    public RunbookExecutions(RequestBodies requestBodies, ParameterValidator validator, SecretCipher cipher,
                             StoredJson storedJson, ObjectMapper objectMapper) {
        this.requestBodies = requestBodies;
        this.validator = validator;
        this.cipher = cipher;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
    }

    /** The {@code parameters} of an execute request; no body at all means none. */
    public JsonNode requestedParameters(Object body) {
        if (body == null || (body instanceof String text && text.isBlank())) {
            return objectMapper.createObjectNode();
        }
        return requestBodies.validate("runbook-execute", body).path("parameters");
    }

    /**
     * Step 6: valid against the runbook's schema (400 Invalid parameters), defaults applied, secrets encrypted for
     * the execution {@code executionId} about to be inserted.
     */
    public Parameters parameters(Map<String, Object> runbook, JsonNode requested, Object executionId) {
        JsonNode schema = storedJson.read(runbook.get("parameters"));
        JsonNode parameters = validator.require(schema, requested.isMissingNode() ? null : requested);
        JsonNode masked = validator.mask(schema, parameters);
        ObjectNode stored = masked.deepCopy();
        ObjectNode secrets = validator.secrets(schema, parameters);
        if (!secrets.isEmpty()) {
            stored.put(SECRETS, cipher.encryptJson(secrets, SecretPlace.executionParameters(executionId)));
        }
        return new Parameters(storedJson.write(stored), masked);
    }

    /**
     * The parameters an execution ran with, secrets decrypted: what a rerun submits again (409 when they do not
     * decrypt in their place: nothing is triggered).
     */
    public JsonNode storedParameters(Map<String, Object> execution) {
        try {
            return withSecrets(execution.get("parameters"), execution.get("id"));
        } catch (SecretCipherException unreadable) {
            throw ApiException.conflict(unreadable.getMessage() + "; execute the runbook anew with its parameters");
        }
    }

    /** Stored parameters (jsonb or JSON text) of the execution {@code executionId}, secrets decrypted back in place. */
    JsonNode withSecrets(Object storedParameters, Object executionId) {
        ObjectNode stored = (ObjectNode) storedJson.read(storedParameters);
        JsonNode ciphertext = stored.remove(SECRETS);
        if (ciphertext == null) {
            return stored;
        }
        return validator.merge(stored, cipher.decryptJson(ciphertext.asText(),
                SecretPlace.executionParameters(executionId), ObjectNode.class));
    }

    /** The trigger's audit metadata; the statement that inserts the execution adds its {@code executionId}. */
    public Map<String, Object> triggerAudit(Object incidentId, Map<String, Object> runbook, Parameters parameters) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("incidentId", String.valueOf(incidentId));
        metadata.put("runbookName", runbook.get("name"));
        metadata.put("runbookVersion", runbook.get("version"));
        metadata.put("parameters", parameters.masked());
        return metadata;
    }

    /** Step 10's body. */
    public Map<String, Object> created(Object executionId, Map<String, Object> runbook, String triggeredBy) {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", String.valueOf(executionId));
        execution.put("runbookId", String.valueOf(runbook.get("id")));
        execution.put("runbookName", runbook.get("name"));
        execution.put("status", "PENDING");
        execution.put("triggeredBy", triggeredBy);
        return Map.of("execution", execution);
    }

    /** A row of runbook_execution_view as the API shows it. */
    public Map<String, Object> present(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        ObjectNode parameters = (ObjectNode) storedJson.read(row.get("parameters"));
        parameters.remove(SECRETS);
        shown.put("parameters", parameters);
        return shown;
    }

    /** One execution as GET /api/runbook-executions/{id} shows it: with every attempt, in order. */
    public Map<String, Object> presentWithAttempts(Map<String, Object> row, List<Map<String, Object>> attempts) {
        Map<String, Object> shown = present(row);
        shown.put("attemptHistory", attempts);
        return shown;
    }

    public List<Map<String, Object>> presentAll(List<Map<String, Object>> rows) {
        return rows.stream().map(this::present).toList();
    }

    public void refuseCancel(Object status) {
        throw ApiException.conflict("Execution is " + status + "; only PENDING executions can be cancelled");
    }
}
