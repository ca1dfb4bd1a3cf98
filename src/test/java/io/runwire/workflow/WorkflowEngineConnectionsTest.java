package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.support.ApiTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's statements go through its own pool, whose sessions on this machine's PostgreSQL (the embedded one)
 * run at the workers' nice value, while the API's sessions keep theirs.
 */
class WorkflowEngineConnectionsTest extends ApiTestSupport {

    @Test
    void theEnginesBackendsRunAtTheWorkersNiceValueAndTheApisDoNot() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(backends("runwire-workflows")).isNotEmpty().allSatisfy(pid ->
                        assertThat(nice(pid)).as("engine backend %s", pid).isEqualTo(10)));

        // this very statement runs on one of the API's sessions
        List<Integer> api = jdbc.queryForList("SELECT pg_backend_pid()", Integer.class);
        assertThat(nice(api.get(0))).isEqualTo(nice((int) ProcessHandle.current().pid()));
    }

    @Test
    void onlyALoopbackServerCanBeAProcessOfThisMachine() {
        assertThat(WorkflowEngineConnections.onThisMachine("jdbc:postgresql://localhost:5432/runwire")).isTrue();
        assertThat(WorkflowEngineConnections.onThisMachine("jdbc:postgresql://127.0.0.1:5432/runwire")).isTrue();
        assertThat(WorkflowEngineConnections.onThisMachine("jdbc:postgresql://[::1]:5432/runwire")).isTrue();
        assertThat(WorkflowEngineConnections.onThisMachine("jdbc:postgresql:runwire")).isTrue();
        assertThat(WorkflowEngineConnections.onThisMachine("jdbc:postgresql://db.internal:5432/runwire")).isFalse();
        assertThat(WorkflowEngineConnections.onThisMachine("jdbc:postgresql://localhost,db2:5432/runwire")).isFalse();
        assertThat(WorkflowEngineConnections.onThisMachine("not a url")).isFalse();
    }

    private List<Integer> backends(String applicationName) {
        return superuser().queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class,
                applicationName);
    }

    private static int nice(int pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
