package io.runwire.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/** The production rendering path, without Spring: the camel-velocity endpoint fed the way the route feeds it. */
final class PayloadRendering implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;
    private final TemplateContext templateContext = new TemplateContext(new ObjectMapper());

    PayloadRendering() {
        camel.start();
        producer = camel.createProducerTemplate();
    }

    String render(String template, Map<String, ?> values) {
        return render(template, values, "", Map.of());
    }

    /** {@code body} and {@code headers} stand for whatever else the exchange carries at that point. */
    String render(String template, Map<String, ?> values, Object body, Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(VelocitySandbox.TEMPLATE_HEADER, template);
        all.put(VelocitySandbox.CONTEXT_HEADER, templateContext.of(values));
        return producer.requestBodyAndHeaders(VelocitySandbox.ENDPOINT_URI, body, all, String.class);
    }

    @Override
    public void close() {
        camel.stop();
    }
}
