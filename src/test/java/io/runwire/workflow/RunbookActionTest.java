package io.runwire.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.RunbookTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * direct:action-runbook, the workflow's runbook action, driven as the workflow engine drives it: the manual trigger's
 * checks with their very messages, then the same snapshot-and-queue path with the workflow on the execution.
 */
class RunbookActionTest extends RunbookTestSupport {

    private static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "required", List.of("service"),
            "properties", Map.of("service", Map.of("type", "string", "minLength", 1)));

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate producer;

    @Test
    void anApprovedRunbookIsScheduledForTheWorkflowAndRunsWithTheWorkflowOnItsExecution() {
        target.stubFor(post(urlEqualTo("/wf-restart")).willReturn(aResponse().withStatus(200)));
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/wf-restart", Map.of("parameters", SCHEMA)));
        String workflowExecutionId = workflowExecution(teamId, incidentId);

        Exchange done = runAction(workflowExecutionId, "run-restart", incidentId,
                Map.of("runbookId", runbookId, "parameters", Map.of("service", "checkout")));

        Map<String, Object> result = actionResult(done);
        assertThat(result.get("outcome")).as(result.toString()).isEqualTo("COMPLETED");
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) result.get("output");
        assertThat(output).containsEntry("status", "scheduled").containsKeys("runbookExecutionId", "runbookName");
        String executionId = String.valueOf(output.get("runbookExecutionId"));

        JsonNode execution = awaitStatus(executionId, "SUCCESS");
        assertThat(execution.path("triggeredBy").asText()).isEqualTo("workflow");
        assertThat(execution.path("workflowExecutionId").asText()).isEqualTo(workflowExecutionId);
        assertThat(execution.path("workflowNodeId").asText()).isEqualTo("run-restart");
        assertThat(admin.get("/api/incidents/" + incidentId + "/runbooks/executions").body().path("executions")
                .findValuesAsText("id")).contains(executionId);
        target.verify(1, postRequestedFor(urlEqualTo("/wf-restart")));
        assertThat(auditActions(runbookId)).contains("runbook.workflow_trigger");
        assertThat(jdbc.queryForObject("SELECT executed_by_id FROM runbook_executions WHERE id = ?::uuid",
                String.class, executionId)).isNull();
        assertThat(done.getVariable("executionId")).as("the engine's own variables are left alone").isEqualTo("engine's");
    }

    @Test
    void aDraftRunbookFailsTheNodeWithTheManualEndpointsMessageAndCreatesNoExecution() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String draft = createRunbook(runbook(teamId, "/x", Map.of()));
        String workflowExecutionId = workflowExecution(teamId, incidentId);

        Map<String, Object> result = actionResult(runAction(workflowExecutionId, "n1", incidentId, Map.of("runbookId", draft)));

        assertThat(result).containsEntry("outcome", "FAILED")
                .containsEntry("error", "Runbook is DRAFT, only APPROVED runbooks can be executed");
        assertThat(executionsOf(workflowExecutionId)).isZero();
    }

    @Test
    void invalidParametersFailTheNodeNamingEachFieldAndCreateNoExecution() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String runbookId = createApprovedRunbook(runbook(teamId, "/x", Map.of("parameters", SCHEMA)));
        String workflowExecutionId = workflowExecution(teamId, incidentId);

        Map<String, Object> result = actionResult(runAction(workflowExecutionId, "n1", incidentId,
                Map.of("runbookId", runbookId, "parameters", Map.of("service", ""))));

        assertThat(result).containsEntry("outcome", "FAILED");
        assertThat(String.valueOf(result.get("error"))).startsWith("Invalid parameters: ").contains("service");
        assertThat(executionsOf(workflowExecutionId)).isZero();
    }

    @Test
    void anotherTeamsRunbookFailsTheNodeAndCreatesNoExecution() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String othersRunbook = createApprovedRunbook(runbook(createTeam(), "/x", Map.of()));
        String workflowExecutionId = workflowExecution(teamId, incidentId);

        Map<String, Object> result = actionResult(runAction(workflowExecutionId, "n1", incidentId,
                Map.of("runbookId", othersRunbook)));

        assertThat(result).containsEntry("outcome", "FAILED").containsEntry("error", "Runbook is scoped to a different team");
        assertThat(executionsOf(workflowExecutionId)).isZero();
    }

    @Test
    void aMissingOrUnknownRunbookFailsTheNode() {
        String teamId = createTeam();
        String incidentId = createIncident(teamId);
        String workflowExecutionId = workflowExecution(teamId, incidentId);

        assertThat(actionResult(runAction(workflowExecutionId, "n1", incidentId, Map.of())))
                .containsEntry("outcome", "FAILED").containsEntry("error", "Runbook action has no runbookId");
        assertThat(actionResult(runAction(workflowExecutionId, "n1", incidentId,
                Map.of("runbookId", UUID.randomUUID().toString()))))
                .containsEntry("outcome", "FAILED").containsEntry("error", "Runbook not found");
    }

    private Exchange runAction(String workflowExecutionId, String nodeId, String incidentId, Map<String, Object> config) {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setVariable("workflowExecutionId", workflowExecutionId);
        exchange.setVariable("workflowNodeId", nodeId);
        exchange.setVariable("actionConfig", new HashMap<>(config));
        exchange.setVariable("actionAttempt", 1);
        exchange.setVariable("incidentId", incidentId);
        exchange.setVariable("executionId", "engine's");
        Exchange done = producer.send("direct:action-runbook", exchange);
        assertThat(done.getException()).isNull();
        return done;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> actionResult(Exchange done) {
        return (Map<String, Object>) done.getVariable("actionResult");
    }

    /** A workflow and one of its executions for the incident, as the engine would have them. */
    private String workflowExecution(String teamId, String incidentId) {
        String definition = "{\"nodes\":[],\"edges\":[],\"trigger\":{\"type\":\"manual\"}}";
        String workflowId = superuser().queryForObject(
                "INSERT INTO runwire.workflows (team_id, name, definition, enabled) VALUES (?::uuid, ?, ?::jsonb, true) RETURNING id",
                String.class, teamId, unique("wf"), definition);
        return superuser().queryForObject("""
                INSERT INTO runwire.workflow_executions (workflow_id, workflow_version, definition_snapshot, incident_id,
                                                         triggered_by, status)
                VALUES (?::uuid, 1, ?::jsonb, ?::uuid, 'manual', 'RUNNING') RETURNING id""",
                String.class, workflowId, definition, incidentId);
    }

    private int executionsOf(String workflowExecutionId) {
        return jdbc.queryForObject("SELECT count(*) FROM runbook_executions WHERE workflow_execution_id = ?::uuid",
                Integer.class, workflowExecutionId);
    }

}
