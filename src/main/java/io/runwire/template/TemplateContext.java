package io.runwire.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.context.Context;
import org.springframework.stereotype.Component;

/**
 * Builds what a payload template sees: {@code $incident $team $runbook $params $execution $workflow $assignee} and
 * {@code $fn}. Values are reduced to plain JSON data (maps, lists, strings, numbers, booleans, null), so a template
 * can read fields but never reaches a Java object of ours; dates become ISO-8601 text.
 */
@Component("templateContext")
public class TemplateContext {

    public static final List<String> NAMES =
            List.of("incident", "team", "runbook", "params", "execution", "workflow", "assignee");
    public static final String FUNCTIONS = "fn";

    private static final TemplateFunctions FN = new TemplateFunctions();

    private final ObjectMapper objectMapper;

    public TemplateContext(ObjectMapper objectMapper) {
        // the application's mapper (it knows jsonb columns), with dates always as ISO-8601 text
        this.objectMapper = objectMapper.copy()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** A name left out is present as null (so {@code #if($assignee)} works); a name not in {@link #NAMES} is refused. */
    public Context of(Map<String, ?> values) {
        for (String name : values.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Not a template variable: " + name + " (allowed: " + NAMES + ")");
            }
        }
        Map<String, Object> variables = new HashMap<>();
        for (String name : NAMES) {
            variables.put(name, plain(values.get(name)));
        }
        variables.put(FUNCTIONS, FN);
        return new VelocityContext(variables);
    }

    private Object plain(Object value) {
        return value == null ? null : objectMapper.convertValue(value, Object.class);
    }
}
