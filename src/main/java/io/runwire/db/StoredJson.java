package io.runwire.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.util.PGobject;
import org.springframework.stereotype.Component;

/** JSON kept in the database: read back from a jsonb column (PGobject) or JSON text, written as text for jsonb. */
@Component
public class StoredJson {

    private final ObjectMapper objectMapper;

    public StoredJson(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public JsonNode read(Object stored) {
        if (stored == null) {
            return objectMapper.nullNode();
        }
        try {
            return objectMapper.readTree(stored instanceof PGobject jsonb ? jsonb.getValue() : stored.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON stored by Runwire does not parse", e);
        }
    }

    public String write(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }
}
