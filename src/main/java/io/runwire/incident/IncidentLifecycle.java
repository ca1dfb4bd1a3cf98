package io.runwire.incident;

import io.runwire.api.ApiException;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The legal moves of an incident: OPEN → ACKNOWLEDGED → RESOLVED → CLOSED, resolving straight from OPEN too. An
 * incident is escalated while someone is still working on it: OPEN or ACKNOWLEDGED.
 */
@Component("incidentLifecycle")
public class IncidentLifecycle {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED, CLOSED }

    private static final Map<Status, Set<Status>> ALLOWED_FROM = Map.of(
            Status.ACKNOWLEDGED, Set.of(Status.OPEN),
            Status.RESOLVED, Set.of(Status.OPEN, Status.ACKNOWLEDGED),
            Status.CLOSED, Set.of(Status.RESOLVED));

    private static final Set<Status> ESCALATABLE = Set.of(Status.OPEN, Status.ACKNOWLEDGED);

    public boolean allows(Status from, Status to) {
        return ALLOWED_FROM.getOrDefault(to, Set.of()).contains(from);
    }

    public boolean allowsEscalation(Status current) {
        return ESCALATABLE.contains(current);
    }

    /** Throws 409 unless an incident in {@code current} may move to {@code target}. */
    public void requireTransition(String current, String target) {
        Status from = Status.valueOf(current);
        Status to = Status.valueOf(target);
        if (!allows(from, to)) {
            throw refused(from, verb(to), ALLOWED_FROM.get(to));
        }
    }

    /** Throws 409 unless an incident in {@code current} may be escalated: a RESOLVED or CLOSED one is over. */
    public void requireEscalation(String current) {
        Status status = Status.valueOf(current);
        if (!allowsEscalation(status)) {
            throw refused(status, "escalated", ESCALATABLE);
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

    private static ApiException refused(Status current, String verb, Set<Status> allowed) {
        return ApiException.conflict("Incident is " + current + "; it can be " + verb + " only when it is "
                + String.join(" or ", allowed.stream().map(Enum::name).sorted().toList()));
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
