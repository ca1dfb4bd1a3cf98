package io.runwire.runbook;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Variable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The named parameters of the execution path's statements as one body map each ({@code :#nodeId}, ...): camel-sql
 * reads a key of a Map body directly, where a {@code :#${properties:...}} parameter would be resolved again through
 * the whole Spring environment on every statement. The settings are read once, at start.
 */
@Component("executionStatements")
public class ExecutionStatements {

    private final String nodeId;
    private final int leaseSeconds;
    private final int defaultAttempts;
    private final int requeueAfterSeconds;

    public ExecutionStatements(@Value("${runwire.node-id}") String nodeId,
                               @Value("${runwire.executor.lease-seconds}") int leaseSeconds,
                               @Value("${runwire.executor.default-attempts}") int defaultAttempts,
                               @Value("${runwire.executor.requeue-after-seconds}") int requeueAfterSeconds) {
        this.nodeId = nodeId;
        this.leaseSeconds = leaseSeconds;
        this.defaultAttempts = defaultAttempts;
        this.requeueAfterSeconds = requeueAfterSeconds;
    }

    /** runbook-execution-insert.sql: the trigger's audit event ({@code :#action}, ...) and the executor's settings. */
    public Map<String, Object> insert(@Variable("audit") Map<String, Object> audit) {
        Map<String, Object> parameters = new HashMap<>(audit);
        parameters.put("defaultAttempts", defaultAttempts);
        parameters.put("requeueAfterSeconds", requeueAfterSeconds);
        return parameters;
    }

    /** runbook-execution-claim.sql. */
    public Map<String, Object> claim(@Variable("executionId") String executionId) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("executionId", executionId);
        parameters.put("nodeId", nodeId);
        parameters.put("leaseSeconds", leaseSeconds);
        return parameters;
    }

    /** runbook-execution-finish.sql and runbook-execution-retry-later.sql: the attempt's outcome, for this claim. */
    public Map<String, Object> recordAttempt(@Variable("attemptRecord") Map<String, Object> attemptRecord,
                                             @Variable("executionId") String executionId,
                                             @Variable("claimToken") String claimToken) {
        Map<String, Object> parameters = new HashMap<>(attemptRecord);
        parameters.put("executionId", executionId);
        parameters.put("claimToken", claimToken);
        parameters.put("nodeId", nodeId);
        return parameters;
    }
}
