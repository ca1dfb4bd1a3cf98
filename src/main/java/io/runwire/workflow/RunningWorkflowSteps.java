package io.runwire.workflow;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The workflow steps this node is running right now, by claim token: only their leases are renewed, so an execution
 * taken over after a lost lease is never kept alive by the runner it left.
 */
@Component("runningWorkflowSteps")
public class RunningWorkflowSteps {

    private static final Logger LOG = LoggerFactory.getLogger(RunningWorkflowSteps.class);

    private final Map<String, String> tokensByExecution = new ConcurrentHashMap<>();

    public void started(String executionId, String claimToken) {
        tokensByExecution.put(executionId, claimToken);
    }

    /** Only this runner's entry goes: after a lost lease the same execution may already run again under a new token. */
    public void finished(String executionId, String claimToken) {
        tokensByExecution.remove(executionId, claimToken);
    }

    public boolean isEmpty() {
        return tokensByExecution.isEmpty();
    }

    /** The claim tokens as a PostgreSQL array literal, for workflow-execution-renew-leases.sql. */
    public String claimTokens() {
        return tokensByExecution.values().stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** {@code renewed}: rows of workflow-execution-renew-leases.sql; a token missing from them has lost its claim. */
    public void renewed(List<Map<String, Object>> renewed, String asked) {
        Set<String> kept = renewed.stream().map(row -> String.valueOf(row.get("claimToken"))).collect(Collectors.toSet());
        tokensByExecution.forEach((executionId, token) -> {
            if (asked.contains(token) && !kept.contains(token)) {
                LOG.warn("Workflow execution {} is no longer held by this runner (lease lost or cancelled); its step "
                        + "will not be recorded", executionId);
            }
        });
    }
}
