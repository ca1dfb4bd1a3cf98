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

    /**
     * runbook-execution-insert.sql: the trigger's audit event ({@code :#action}, ...), what the trigger decided
     * ({@code :#newExecutionId}, ...), the trace it belongs to and the executor's settings. Every key is present,
     * null or not, so no header of the same name can stand in for one; and none is a {@code :#${...}} expression,
     * which camel-sql evaluates on a copy of the whole exchange per parameter.
     */
    public Map<String, Object> insert(@Variable("audit") Map<String, Object> audit,
                                      @Variable("newExecutionId") Object newExecutionId,
                                      @Variable("runbookId") Object runbookId,
                                      @Variable("runbook") Map<String, Object> runbook,
                                      @Variable("incidentId") Object incidentId,
                                      @Variable("workflowExecutionId") Object workflowExecutionId,
                                      @Variable("workflowNodeId") Object workflowNodeId,
                                      @Variable("parameters") RunbookExecutions.Parameters parameters,
                                      @Variable("triggeredBy") String triggeredBy,
                                      @Variable("executedById") Object executedById,
                                      @Variable("idempotencyKey") Object idempotencyKey,
                                      @Variable("responseJson") String responseJson,
                                      @Variable("traceParent") String traceParent) {
        Map<String, Object> statement = new HashMap<>(audit);
        statement.put("newExecutionId", newExecutionId);
        statement.put("runbookId", runbookId);
        statement.put("runbookVersion", runbook.get("version"));
        statement.put("incidentId", incidentId);
        statement.put("workflowExecutionId", workflowExecutionId);
        statement.put("workflowNodeId", workflowNodeId);
        statement.put("storedParameters", parameters.stored());
        statement.put("triggeredBy", triggeredBy);
        statement.put("executedById", executedById);
        statement.put("idempotencyKey", idempotencyKey);
        statement.put("responseJson", responseJson);
        statement.put("traceParent", traceParent);
        statement.put("defaultAttempts", defaultAttempts);
        statement.put("requeueAfterSeconds", requeueAfterSeconds);
        return statement;
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
