package io.runwire.runbook;

import io.runwire.api.ApiException;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** DRAFT → APPROVED → DEPRECATED; only APPROVED runbooks run, and only on their own team's incidents. */
@Component("runbookLifecycle")
public class RunbookLifecycle {

    public void requireApprovable(String status) {
        if (!"DRAFT".equals(status)) {
            throw ApiException.conflict("Runbook is " + status + "; only DRAFT runbooks can be approved");
        }
    }

    public void requireDeprecatable(String status) {
        if ("DEPRECATED".equals(status)) {
            throw ApiException.conflict("Runbook is already DEPRECATED");
        }
    }

    /** Step 4 of the manual trigger. */
    public void requireApproved(Map<String, Object> runbook) {
        Object status = runbook.get("approvalStatus");
        if (!"APPROVED".equals(status)) {
            throw ApiException.badRequest("Runbook is " + status + ", only APPROVED runbooks can be executed");
        }
    }

    /** Step 5 of the manual trigger: a team's runbook runs on that team's incidents; a global one on any. */
    public void requireScope(Map<String, Object> runbook, Map<String, Object> incident) {
        Object runbookTeam = runbook.get("teamId");
        if (runbookTeam != null && !Objects.equals(String.valueOf(runbookTeam), String.valueOf(incident.get("teamId")))) {
            throw ApiException.forbidden("Runbook is scoped to a different team");
        }
    }
}
