package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.velocity.context.Context;
import org.junit.jupiter.api.Test;

class TemplateContextTest {

    private final TemplateContext templateContext = new TemplateContext(new ObjectMapper());

    @Test
    void holdsExactlyTheTemplateVariablesAndFn() {
        Context context = templateContext.of(Map.of("incident", Map.of("title", "t")));

        assertThat(context.getKeys()).containsExactlyInAnyOrder(
                "incident", "team", "runbook", "params", "execution", "workflow", "assignee", "fn");
        assertThat(context.get("fn")).isInstanceOf(TemplateFunctions.class);
        assertThat(context.get("assignee")).isNull();
    }

    @Test
    void refusesAnythingThatIsNotATemplateVariable() {
        assertThatThrownBy(() -> templateContext.of(Map.of("snapshot", Map.of("webhookAuth", "secret"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot");
    }

    @Test
    void reducesValuesToPlainJsonData() throws Exception {
        UUID id = UUID.randomUUID();
        Context context = templateContext.of(Map.of(
                "incident", Map.of("id", id, "createdAt", Timestamp.from(Instant.parse("2024-05-01T09:30:00Z"))),
                "params", new ObjectMapper().readTree("{\"n\": 1, \"tags\": [\"a\"], \"s\": \"x\"}"),
                "execution", Map.of("at", Instant.parse("2024-05-01T09:30:00Z"))));

        @SuppressWarnings("unchecked")
        Map<String, Object> incident = (Map<String, Object>) context.get("incident");
        assertThat(incident.get("id")).isEqualTo(id.toString());
        assertThat(new TemplateFunctions().date(incident.get("createdAt"))).isEqualTo("2024-05-01T09:30:00Z");
        assertThat(context.get("params")).isEqualTo(Map.of("n", 1, "tags", List.of("a"), "s", "x"));
        assertThat(context.get("execution")).isEqualTo(Map.of("at", "2024-05-01T09:30:00Z"));
    }
}
