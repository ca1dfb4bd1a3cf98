package io.runwire.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;

/** The production rendering path, without Spring: {@link VelocitySandbox} as the route calls it. */
final class PayloadRendering {

    static final TemplateLimits DEFAULT_LIMITS = new TemplateLimits(1024 * 1024, Duration.ofSeconds(2));

    private final VelocitySandbox sandbox;

    PayloadRendering() {
        this(DEFAULT_LIMITS);
    }

    PayloadRendering(TemplateLimits limits) {
        sandbox = new VelocitySandbox(new TemplateContext(new ObjectMapper()), limits);
    }

    String render(String template, Map<String, ?> values) {
        return sandbox.render(template, values);
    }

    VelocitySandbox sandbox() {
        return sandbox;
    }
}
