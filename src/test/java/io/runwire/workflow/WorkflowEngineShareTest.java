package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runwire.api.ApiActivity;
import io.runwire.support.WorkflowEngineTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** While the API is serving requests the engine runs one step at a time on this node; then all its workers again. */
class WorkflowEngineShareTest extends WorkflowEngineTestSupport {

    @Autowired
    ApiActivity api;

    @Test
    void whileTheApiIsBusyOneStepRunsAtATimeAndAllRunOnceItIsQuiet() throws Exception {
        String teamId = createTeam();
        String incidentId = createIncident(teamId, "checkout down", "HIGH");
        String busy = script("busy", "BLOCK");
        String workflowId = insertGraph(teamId, list(trigger(), webhook("w", busy, "")), list(edge("t", "w")), "5min");

        api.started();
        List<String> executions;
        try {
            executions = Stream.generate(() -> start(workflowId, incidentId)).limit(3).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls(busy).size() == 1);
            // the other two wait for the one permit the blocked step holds
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> calls(busy).size() == 1);
        } finally {
            api.finished();
        }
        release(busy);
        executions.forEach(id -> assertThat(awaitFinal(id)).isEqualTo("COMPLETED"));
        assertThat(calls(busy)).hasSize(3);

        String quiet = script("quiet", "BLOCK");
        String quietWorkflow = insertGraph(teamId, list(trigger(), webhook("w", quiet, "")), list(edge("t", "w")), "5min");
        List<String> parallel = Stream.generate(() -> start(quietWorkflow, incidentId)).limit(3).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(quiet).size() == 3);
        release(quiet);
        parallel.forEach(id -> assertThat(awaitFinal(id)).isEqualTo("COMPLETED"));
    }
}
