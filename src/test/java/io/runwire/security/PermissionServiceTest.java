package io.runwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN §4's permission matrix: every role against every action, on its own team, another team, and globally. */
class PermissionServiceTest {

    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID OTHER_TEAM = UUID.randomUUID();

    private final PermissionService permissions = new PermissionService();

    enum Role { ADMIN, TEAM_ADMIN, RESPONDER, OBSERVER, PLAIN_USER }

    enum Where { OWN_TEAM, OTHER_TEAM, GLOBAL }

    static Stream<Arguments> matrix() {
        // action, where, then the expected verdict for: ADMIN, TEAM_ADMIN, RESPONDER, OBSERVER, PLAIN_USER
        Object[][] rows = {
                {Action.VIEW_TEAM, Where.OWN_TEAM, true, true, true, true, true},
                {Action.VIEW_TEAM, Where.OTHER_TEAM, true, true, true, true, true},
                {Action.CREATE_TEAM, Where.GLOBAL, true, false, false, false, false},
                {Action.CREATE_USER, Where.GLOBAL, true, false, false, false, false},
                {Action.MINT_KEY_FOR_OTHERS, Where.GLOBAL, true, false, false, false, false},
                {Action.REENCRYPT_SECRETS, Where.GLOBAL, true, false, false, false, false},
                {Action.REENCRYPT_SECRETS, Where.OWN_TEAM, true, false, false, false, false},
                {Action.MANAGE_MEMBERS, Where.OWN_TEAM, true, true, false, false, false},
                {Action.MANAGE_MEMBERS, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.CREATE_INCIDENT, Where.OWN_TEAM, true, true, true, false, false},
                {Action.CREATE_INCIDENT, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.RESPOND_TO_INCIDENT, Where.OWN_TEAM, true, true, true, false, false},
                {Action.RESPOND_TO_INCIDENT, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.EXECUTE_RUNBOOK, Where.OWN_TEAM, true, true, true, false, false},
                {Action.EXECUTE_RUNBOOK, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.EXECUTE_WORKFLOW, Where.OWN_TEAM, true, true, true, false, false},
                {Action.EXECUTE_WORKFLOW, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.MANAGE_RUNBOOKS, Where.OWN_TEAM, true, true, false, false, false},
                {Action.MANAGE_RUNBOOKS, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.MANAGE_RUNBOOKS, Where.GLOBAL, true, false, false, false, false},
                {Action.APPROVE_RUNBOOKS, Where.OWN_TEAM, true, true, false, false, false},
                {Action.APPROVE_RUNBOOKS, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.APPROVE_RUNBOOKS, Where.GLOBAL, true, false, false, false, false},
                {Action.MANAGE_WORKFLOWS, Where.OWN_TEAM, true, true, false, false, false},
                {Action.MANAGE_WORKFLOWS, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.MANAGE_WORKFLOWS, Where.GLOBAL, true, false, false, false, false},
                {Action.MANAGE_CONNECTIONS, Where.OWN_TEAM, true, true, false, false, false},
                {Action.MANAGE_CONNECTIONS, Where.OTHER_TEAM, true, false, false, false, false},
                {Action.MANAGE_CONNECTIONS, Where.GLOBAL, true, false, false, false, false},
                {Action.VIEW_AUDIT, Where.OWN_TEAM, true, true, false, false, false},
                {Action.VIEW_AUDIT, Where.OTHER_TEAM, true, false, false, false, false},
        };
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Object[] row : rows) {
            Role[] roles = Role.values();
            for (int i = 0; i < roles.length; i++) {
                cases.add(Arguments.of(roles[i], row[0], row[1], row[2 + i]));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @MethodSource("matrix")
    void decidesByRoleActionAndTeam(Role role, Action action, Where where, boolean expected) {
        UUID team = switch (where) {
            case OWN_TEAM -> TEAM;
            case OTHER_TEAM -> OTHER_TEAM;
            case GLOBAL -> null;
        };

        PermissionService.Decision decision = permissions.check(principal(role), action, team);

        assertThat(decision.allowed()).isEqualTo(expected);
        if (!expected) {
            assertThat(decision.reason()).isNotBlank();
        }
    }

    private static Principal principal(Role role) {
        Map<UUID, TeamRole> teams = switch (role) {
            case TEAM_ADMIN -> Map.of(TEAM, TeamRole.TEAM_ADMIN);
            case RESPONDER -> Map.of(TEAM, TeamRole.RESPONDER);
            case OBSERVER -> Map.of(TEAM, TeamRole.OBSERVER);
            default -> Map.of();
        };
        return new Principal(UUID.randomUUID(), role + "@example.com", "Test", "User",
                role == Role.ADMIN ? PlatformRole.ADMIN : PlatformRole.USER, teams, UUID.randomUUID());
    }
}
