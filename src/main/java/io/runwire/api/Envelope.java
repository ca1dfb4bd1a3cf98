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
}
