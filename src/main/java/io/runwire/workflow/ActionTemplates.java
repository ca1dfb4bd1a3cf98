package io.runwire.workflow;

import io.runwire.template.TemplateContext;
import io.runwire.template.VelocitySandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An action's templated fields rendered by the runbooks' Velocity sandbox (with {@code $fn}) over the workflow's
 * template context: only the names a template may use, nothing else of what the engine passes along.
 */
@Component("actionTemplates")
public class ActionTemplates {

    private final VelocitySandbox velocity;

    public ActionTemplates(VelocitySandbox velocity) {
        this.velocity = velocity;
    }

    /** The context's template variables (incident, team, assignee, trigger, workflow). */
    public Map<String, Object> values(Map<String, Object> context) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (context != null) {
            context.forEach((name, value) -> {
                if (TemplateContext.NAMES.contains(name)) {
                    values.put(name, value);
                }
            });
        }
        return values;
    }

    /** A text without {@code $} or {@code #} is no template: it stays as written. */
    public String render(String template, Map<String, Object> values) {
        return template.contains("$") || template.contains("#") ? velocity.render(template, values) : template;
    }
}
