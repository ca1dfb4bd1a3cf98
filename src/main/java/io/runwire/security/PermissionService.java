package io.runwire.security;

import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The permission matrix of DESIGN §4 in one place. Platform admins may do anything; a team's TEAM_ADMIN manages it;
 * RESPONDERs (and team admins) respond to its incidents; OBSERVERs and everyone else authenticated only view.
 * Resources without a team (global runbooks and workflows) are managed by platform admins only.
 */
@Component("permissions")
public class PermissionService {

    public record Decision(boolean allowed, String reason) {
        static final Decision ALLOW = new Decision(true, null);

        static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    public Decision check(Principal principal, Action action, UUID teamId) {
        if (principal == null) {
            return Decision.deny("Authentication required");
        }
        if (principal.isPlatformAdmin() || action.scope == Action.Scope.ANYONE) {
            return Decision.ALLOW;
        }
        if (action.scope == Action.Scope.PLATFORM_ADMIN) {
            return Decision.deny("Only platform admins can " + action.phrase);
        }
        if (teamId == null) {
            return Decision.deny("Only platform admins can " + action.phrase.replace("its ", "global "));
        }
        TeamRole role = principal.roleIn(teamId).orElse(null);
        if (role == null) {
            return Decision.deny("You are not a member of this team, so you cannot " + action.phrase);
        }
        boolean allowed = switch (action.scope) {
            case RESPONDER -> role == TeamRole.RESPONDER || role == TeamRole.TEAM_ADMIN;
            case TEAM_ADMIN -> role == TeamRole.TEAM_ADMIN;
            default -> false;
        };
        if (allowed) {
            return Decision.ALLOW;
        }
        String needed = action.scope == Action.Scope.RESPONDER ? "RESPONDER or TEAM_ADMIN" : "TEAM_ADMIN";
        return Decision.deny("Your role in this team is " + role + "; only " + needed + " can " + action.phrase);
    }

    /** Throws a 403 carrying the reason unless {@code principal} may do {@code action} in {@code team}. */
    public void require(Principal principal, Action action, Object team) {
        Decision decision = check(principal, action, Ids.parse(team));
        if (!decision.allowed()) {
            throw ApiException.forbidden(decision.reason());
        }
    }
}
