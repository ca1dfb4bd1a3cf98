package io.runwire.incident;

import io.runwire.api.ApiException;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The legal moves of an incident: OPEN → ACKNOWLEDGED → RESOLVED → CLOSED, resolving straight from OPEN too. */
@Component("incidentLifecycle")
public class IncidentLifecycle {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED, CLOSED }

    private static final Map<Status, Set<Status>> ALLOWED_FROM = Map.of(
            Status.ACKNOWLEDGED, Set.of(Status.OPEN),
            Status.RESOLVED, Set.of(Status.OPEN, Status.ACKNOWLEDGED),
            Status.CLOSED, Set.of(Status.RESOLVED));

    public boolean allows(Status from, Status to) {
        return ALLOWED_FROM.getOrDefault(to, Set.of()).contains(from);
    }

    /** Throws 409 unless an incident in {@code current} may move to {@code target}. */
    public void requireTransition(String current, String target) {
        Status from = Status.valueOf(current);
        Status to = Status.valueOf(target);
        if (!allows(from, to)) {
            throw ApiException.conflict("Incident is " + from + "; it can be " + verb(to) + " only when it is "
                    + String.join(" or ", ALLOWED_FROM.get(to).stream().map(Enum::name).sorted().toList()));
        }
    }

    /** The {@code ?status=} filter of the incident list: absent, or one of the statuses. */
    public String statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid query parameter",
                    java.util.List.of("status: must be one of " + java.util.Arrays.toString(Status.values())));
        }
    }

    private static String verb(Status to) {
        return switch (to) {
            case ACKNOWLEDGED -> "acknowledged";
            case RESOLVED -> "resolved";
            case CLOSED -> "closed";
            case OPEN -> "reopened";
        };
    }
}
