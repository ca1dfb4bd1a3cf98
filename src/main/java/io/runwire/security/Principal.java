package io.runwire.security;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Who is calling: the user behind the API key, with their platform role and team memberships. */
public record Principal(UUID userId, String email, String firstName, String lastName, PlatformRole platformRole,
                        Map<UUID, TeamRole> teamRoles, UUID apiKeyId) {

    public Principal {
        teamRoles = Map.copyOf(teamRoles);
    }

    public boolean isPlatformAdmin() {
        return platformRole == PlatformRole.ADMIN;
    }

    public Optional<TeamRole> roleIn(UUID teamId) {
        return teamId == null ? Optional.empty() : Optional.ofNullable(teamRoles.get(teamId));
    }
}
