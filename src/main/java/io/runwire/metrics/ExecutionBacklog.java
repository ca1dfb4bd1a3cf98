package io.runwire.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.runwire.db.SqlFiles;
import io.runwire.runbook.ExecutionQueue;
import io.runwire.workflow.WorkflowQueue;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What is in line: {@code runwire_queue_depth{queue}}, the entries in this node's in-memory queues, and
 * {@code runwire_executions_waiting{kind}}, the executions waiting in the database for a due time (runbook, workflow) or
 * for a place within their runbook's concurrency limit (runbook-concurrency). The second is the
 * same on every replica (one database); it is counted when a scrape finds the last count older than
 * {@code runwire.metrics.waiting-refresh}, so however many replicas and scrapers there are, each replica runs the count
 * at most once per interval, and none runs it while nobody scrapes. NaN while the database cannot be read.
 */
@Component
public class ExecutionBacklog implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionBacklog.class);

    record Waiting(double runbook, double workflow, double concurrency) {
        static final Waiting UNKNOWN = new Waiting(Double.NaN, Double.NaN, Double.NaN);
    }

    private final ExecutionQueue executionQueue;
    private final WorkflowQueue workflowQueue;
    private final JdbcTemplate jdbc;
    private final long refreshNanos;
    private volatile Waiting waiting = Waiting.UNKNOWN;
    private volatile long countedAt;
    private volatile boolean counted;

    public ExecutionBacklog(ExecutionQueue executionQueue, WorkflowQueue workflowQueue, DataSource dataSource,
                            @Value("${runwire.metrics.waiting-refresh}") Duration refresh) {
        this.executionQueue = executionQueue;
        this.workflowQueue = workflowQueue;
        this.jdbc = new JdbcTemplate(dataSource);
        // a scrape waits for this count: a database that does not answer costs it this long, not the scrape's timeout
        this.jdbc.setQueryTimeout(2);
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("runwire.queue.depth", executionQueue, ExecutionQueue::depth)
                .description("Entries in this node's in-memory queue")
                .tag("queue", "runbook-executions")
                .register(registry);
        Gauge.builder("runwire.queue.depth", workflowQueue, WorkflowQueue::depth)
                .description("Entries in this node's in-memory queue")
                .tag("queue", "workflow-executions")
                .register(registry);
        Gauge.builder("runwire.executions.waiting", this, backlog -> backlog.waiting().runbook())
                .description("Executions waiting in the database for a due time (the same on every replica)")
                .tag("kind", "runbook")
                .register(registry);
        Gauge.builder("runwire.executions.waiting", this, backlog -> backlog.waiting().workflow())
                .description("Executions waiting in the database for a due time (the same on every replica)")
                .tag("kind", "workflow")
                .register(registry);
        Gauge.builder("runwire.executions.waiting", this, backlog -> backlog.waiting().concurrency())
                .description("Executions waiting in the database for a due time (the same on every replica)")
                .tag("kind", "runbook-concurrency")
                .register(registry);
    }

    Waiting waiting() {
        if (!counted || System.nanoTime() - countedAt >= refreshNanos) {
            synchronized (this) {
                if (!counted || System.nanoTime() - countedAt >= refreshNanos) {
                    waiting = count();
                    countedAt = System.nanoTime();
                    counted = true;
                }
            }
        }
        return waiting;
    }

    private Waiting count() {
        try {
            return jdbc.queryForObject(SqlFiles.load("executions-waiting"),
                    (row, n) -> new Waiting(row.getLong("runbook"), row.getLong("workflow"), row.getLong("concurrency")));
        } catch (DataAccessException e) {
            LOG.debug("Waiting executions not counted: {}", e.getMessage());
            return Waiting.UNKNOWN;
        }
    }
}
