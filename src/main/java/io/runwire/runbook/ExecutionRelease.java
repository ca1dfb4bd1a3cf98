package io.runwire.runbook;

import io.runwire.db.SqlFiles;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On shutdown, after Camel has let in-flight calls finish within its grace period, whatever this node still holds —
 * runbook executions and workflow steps — goes back to PENDING so another node (or the next start) runs it at once
 * instead of waiting for the lease.
 */
@Component
public class ExecutionRelease implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRelease.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final String nodeId;

    public ExecutionRelease(NamedParameterJdbcTemplate jdbc, @Value("${runwire.node-id}") String nodeId) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
    }

    @Override
    public void destroy() {
        release("runbook-execution-release", "execution(s)");
        release("workflow-execution-release", "workflow step(s)");
    }

    private void release(String statement, String what) {
        try {
            int released = jdbc.update(SqlFiles.load(statement), Map.of("nodeId", nodeId));
            if (released > 0) {
                LOG.warn("Released {} unfinished {} for another node or the next start", released, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release unfinished {}; their leases will expire instead: {}", what, e.getMessage());
        }
    }
}
