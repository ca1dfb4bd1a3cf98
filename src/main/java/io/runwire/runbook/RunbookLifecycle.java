package io.runwire.runbook;

import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import io.runwire.security.Action;
import io.runwire.security.PermissionService;
import io.runwire.security.Principal;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** DRAFT → APPROVED → DEPRECATED; only APPROVED runbooks run, and only on their own team's incidents. */
@Component("runbookLifecycle")
public class RunbookLifecycle {

    private final PermissionService permissions;

    public RunbookLifecycle(PermissionService permissions) {
        this.permissions = permissions;
    }

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

    /**
     * Step 4 of a preview: as {@link #requireApproved}, but a DRAFT shows to those who may approve it (its team's
     * admins, platform admins), so they can check it before approving it.
     */
    public void requirePreviewable(Map<String, Object> runbook, Principal principal) {
        if ("DRAFT".equals(runbook.get("approvalStatus"))
                && permissions.check(principal, Action.APPROVE_RUNBOOKS, Ids.parse(runbook.get("teamId"))).allowed()) {
            return;
        }
        requireApproved(runbook);
    }

    /** Step 5 of the manual trigger: a team's runbook runs on that team's incidents; a global one on any. */
    public void requireScope(Map<String, Object> runbook, Map<String, Object> incident) {
        Object runbookTeam = runbook.get("teamId");
        if (runbookTeam != null && !Objects.equals(String.valueOf(runbookTeam), String.valueOf(incident.get("teamId")))) {
            throw ApiException.forbidden("Runbook is scoped to a different team");
        }
    }
}
