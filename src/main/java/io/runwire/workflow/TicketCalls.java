package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.runwire.connections.TicketConnection;
import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import io.runwire.http.RetryPolicy;
import io.runwire.runbook.ExecutionPlan;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The jira and linear actions' requests as plans for the runbook path's own runbook-call-target (address guard,
 * header hygiene, credentials decrypted only for the call, deadline, 4 KiB excerpt, attempt classification), and what
 * that call's outcome says.
 */
@Component("ticketCalls")
public class TicketCalls {

    /** Only Retry-After sets a wait here; the node's retry config decides the backoff (the workflow engine). */
    private static final JsonNode NO_BACKOFF = new ObjectMapper().createObjectNode().put("initialDelayMs", 0);

    private final SecretCipher cipher;
    private final StoredJson storedJson;
    private final ActionResults results;
    private final int timeoutSeconds;

    public TicketCalls(SecretCipher cipher, StoredJson storedJson, ActionResults results,
                       @Value("${runwire.workflows.ticket-timeout-seconds:30}") int timeoutSeconds) {
        this.cipher = cipher;
        this.storedJson = storedJson;
        this.results = results;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Jira Cloud: Basic {@code email:apiToken}. */
    public TicketTarget jira(TicketConnection connection) {
        return sealed(connection, Map.of("type", "basic", "username", connection.email(), "password", connection.secret()));
    }

    /** Linear: the API key as the Authorization header, without "Bearer" (personal API keys). */
    public TicketTarget linear(TicketConnection connection) {
        return sealed(connection, Map.of("type", "headers", "headers", Map.of("Authorization", connection.secret())));
    }

    /** The credentials as the call path takes them: encrypted, here for this one target object only. */
    private TicketTarget sealed(TicketConnection connection, Map<String, Object> auth) {
        SecretPlace place = SecretPlace.ticketCall(UUID.randomUUID().toString());
        return new TicketTarget(connection.baseUrl(), cipher.encryptJson(auth, place), place);
    }

    /**
     * One POST of JSON to {@code path} under the target. The Idempotency-Key (and X-Runwire-Execution-Id) is
     * {@code <workflowExecutionId>:<nodeId>}, like a webhook node's.
     */
    public ExecutionPlan plan(String workflowExecutionId, String nodeId, String name, TicketTarget target, String path,
                              Integer attempt) {
        int thisAttempt = attempt == null ? 1 : attempt;
        return new ExecutionPlan(workflowExecutionId + ":" + nodeId, null, name, 0, target.baseUrl() + path, "POST",
                Map.of("Accept", "application/json"), target.authCiphertext(), target.authPlace(), null, timeoutSeconds,
                RetryPolicy.of(thisAttempt + 1, NO_BACKOFF), null, List.of());
    }

    /**
     * What one call came to: {@code settled} is the node's result already when there was no answer to read (a retry,
     * a refused or failed connection); else the status, the answer's JSON (missing when it is none) and the
     * classifier's words for it.
     */
    public record Answer(Map<String, Object> settled, int status, JsonNode body, String error) {
        public boolean success() {
            return settled == null && status >= 200 && status < 300;
        }

        /** 4xx other than 429: the service refused this request, and would refuse it again. */
        public boolean refused() {
            return settled == null && status >= 400 && status < 500 && status != 429;
        }
    }

    public Answer answer(Boolean retry, Map<String, Object> attemptRecord) {
        String error = String.valueOf(attemptRecord.get("error"));
        if (Boolean.TRUE.equals(retry)) {
            Object delay = attemptRecord.get("delayMs");
            return new Answer(results.retry(error, delay instanceof Number n && n.longValue() > 0 ? n.longValue() : null),
                    0, MissingNode.getInstance(), error);
        }
        JsonNode result = attemptRecord.get("resultJson") == null ? MissingNode.getInstance()
                : storedJson.read(attemptRecord.get("resultJson"));
        if (!result.path("statusCode").isNumber()) {
            return new Answer(results.failed(error), 0, MissingNode.getInstance(), error);
        }
        return new Answer(null, result.path("statusCode").asInt(), json(result.path("responseBody").asText(null)), error);
    }

    private JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return storedJson.read(text);
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }
}
