package io.runwire.api;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** Path and body ids: a string that is not a UUID names nothing, so lookups by it find nothing (404). */
@Component("ids")
public class Ids {

    /** A new id, for a row whose id its statement must already know (see runbook-execution-insert.sql). */
    public UUID random() {
        return UUID.randomUUID();
    }

    public UUID uuid(Object value) {
        return parse(value);
    }

    /** The UUID {@code value} is or spells; null when it is absent or not a UUID. */
    public static UUID parse(Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        try {
            return UUID.fromString(value.toString().trim());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** A query parameter that must be a UUID when given: a malformed one is the caller's mistake (400). */
    public UUID filter(Object value, String name) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        UUID uuid = uuid(value);
        if (uuid == null) {
            throw ApiException.badRequest("Invalid query parameter", java.util.List.of(name + ": must be a UUID"));
        }
        return uuid;
    }
}
