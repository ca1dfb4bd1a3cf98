package io.runwire.runbook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The executions this node is running right now, by claim token: only their leases are renewed, so an execution
 * taken over by another runner (even on this node, after a lost lease) is never kept alive by the one it left.
 */
@Component("runningExecutions")
public class RunningExecutions {

    private static final Logger LOG = LoggerFactory.getLogger(RunningExecutions.class);

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

    /** The claim tokens as a PostgreSQL array literal, for runbook-execution-renew-leases.sql. */
    public String claimTokens() {
        return tokensByExecution.values().stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** {@code renewed}: rows of runbook-execution-renew-leases.sql; a token missing from them has lost its claim. */
    public void renewed(List<Map<String, Object>> renewed, String asked) {
        Set<String> kept = renewed.stream().map(row -> String.valueOf(row.get("claimToken"))).collect(Collectors.toSet());
        tokensByExecution.forEach((executionId, token) -> {
            if (asked.contains(token) && !kept.contains(token)) {
                LOG.warn("Execution {} is no longer held by this runner (its lease expired and it was taken over); "
                        + "what this runner gets back will not be recorded", executionId);
            }
        });
    }
}
