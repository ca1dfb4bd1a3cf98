package io.runwire.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Responses name what they carry: {@code {"incident": {...}}}, {@code {"teams": [...]}}. */
@Component("envelope")
public class Envelope {

    public Map<String, Object> of(String key, Object value) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put(key, value);
        return envelope;
    }

    /** A single row that must exist, or the 404 with {@code message}. */
    public Map<String, Object> required(String key, Object row, String message) {
        if (row == null || (row instanceof java.util.List<?> list && list.isEmpty())) {
            throw ApiException.notFound(message);
        }
        return of(key, row);
    }
}
