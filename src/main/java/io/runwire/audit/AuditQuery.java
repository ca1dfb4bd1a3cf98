package io.runwire.audit;

import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import io.runwire.security.Action;
import io.runwire.security.PermissionService;
import io.runwire.security.Principal;
import io.runwire.security.TeamRole;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Who may read which audit events (admins all, team admins their teams'), and the filters of the audit list. */
@Component("auditQuery")
public class AuditQuery {

    private final PermissionService permissions;
    private final Ids ids;

    public AuditQuery(PermissionService permissions, Ids ids) {
        this.permissions = permissions;
        this.ids = ids;
    }

    /** {@code teamIds}: the teams whose events the caller may read, comma-separated; null means every event. */
    public Map<String, Object> scope(Principal caller, String teamIdParameter) {
        UUID teamFilter = ids.filter(teamIdParameter, "teamId");
        Map<String, Object> scope = new HashMap<>();
        if (teamFilter != null) {
            permissions.require(caller, Action.VIEW_AUDIT, teamFilter);
            scope.put("teamIds", teamFilter.toString());
            return scope;
        }
        if (caller.isPlatformAdmin()) {
            scope.put("teamIds", null);
            return scope;
        }
        String adminOf = caller.teamRoles().entrySet().stream()
                .filter(entry -> entry.getValue() == TeamRole.TEAM_ADMIN)
                .map(entry -> entry.getKey().toString())
                .sorted()
                .collect(Collectors.joining(","));
        if (adminOf.isEmpty()) {
            throw ApiException.forbidden("Only platform admins and team admins can read the audit log");
        }
        scope.put("teamIds", adminOf);
        return scope;
    }

    public Map<String, Object> filter(String action, String resourceType, String resourceId, String since) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("action", blankToNull(action));
        filter.put("resourceType", blankToNull(resourceType));
        filter.put("resourceId", blankToNull(resourceId));
        filter.put("since", since(blankToNull(since)));
        return filter;
    }

    private static OffsetDateTime since(String since) {
        if (since == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid query parameter",
                    List.of("since: must be an ISO-8601 timestamp with an offset, e.g. 2026-01-31T12:00:00Z"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
