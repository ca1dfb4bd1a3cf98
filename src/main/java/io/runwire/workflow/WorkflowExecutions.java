package io.runwire.workflow;

import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rules of the workflow execution API: what a manual run needs (DESIGN §4 table; issue 10 "RESPONDER may run a
 * manual workflow") and how an execution is shown.
 *
 * <p>A workflow runs by hand when it exists, is enabled, is the incident's team's or global, and its trigger type is
 * {@code manual}: a workflow meant for an event (incident_created, ...) is not re-run on an incident by hand, where
 * its actions (a Jira issue, a runbook) would happen twice. Trigger conditions are not evaluated for a manual run —
 * the responder chose the incident.
 */
@Component("workflowExecutions")
public class WorkflowExecutions {

    /** The body's {@code incidentId}: required, a UUID. */
    public UUID incidentId(Object body) {
        Object value = body instanceof Map<?, ?> map ? map.get("incidentId") : null;
        UUID id = Ids.parse(value);
        if (id == null) {
            throw ApiException.badRequest("Invalid request", List.of("incidentId: " + (value == null
                    ? "is required" : "must be a UUID")));
        }
        return id;
    }

    public void requireScope(Map<String, Object> workflow, Map<String, Object> incident) {
        Object workflowTeam = workflow.get("teamId");
        if (workflowTeam != null && !Objects.equals(String.valueOf(workflowTeam), String.valueOf(incident.get("teamId")))) {
            throw ApiException.forbidden("Workflow is scoped to a different team");
        }
    }

    public void requireRunnableByHand(Map<String, Object> workflow) {
        if (!Boolean.TRUE.equals(workflow.get("enabled"))) {
            throw ApiException.badRequest("Workflow is disabled, only enabled workflows can be executed");
        }
        Object type = workflow.get("triggerType");
        if (!"manual".equals(type)) {
            throw ApiException.badRequest("Workflow is triggered by " + type + ", only manual workflows can be executed by hand");
        }
    }

    public Map<String, Object> triggerAudit(Object incidentId, Map<String, Object> workflow) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("incidentId", String.valueOf(incidentId));
        metadata.put("workflowId", String.valueOf(workflow.get("id")));
        metadata.put("workflowName", workflow.get("name"));
        metadata.put("workflowVersion", workflow.get("version"));
        return metadata;
    }

    /** A final execution cannot be cancelled: 409 naming its status. */
    public void refuseCancel(Object status) {
        throw ApiException.conflict("Workflow execution is " + status
                + ", only PENDING, RUNNING or WAITING executions can be cancelled");
    }

    /** The execution with the runbook executions its runbook actions started. */
    public Map<String, Object> present(Map<String, Object> execution, List<Map<String, Object>> runbookExecutions) {
        Map<String, Object> shown = new LinkedHashMap<>(execution);
        shown.put("runbookExecutions", runbookExecutions);
        return shown;
    }
}
