package io.runwire.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.context.Context;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.slf4j.helpers.NOPLogger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders runbook payload templates: one Velocity engine, sandboxed by {@code velocity/sandbox.properties}, for every
 * runbook; each render within {@link TemplateLimits} (runwire.template.max-output-bytes and max-render-time). The
 * template sees exactly {@link TemplateContext#NAMES} and {@code $fn}.
 *
 * <p>Rendering happens here rather than in a camel-velocity endpoint because the endpoint renders into a StringWriter
 * of its own: a limit could only look at the payload after it was complete, however large.
 *
 * <p>Any failure is a {@link TemplateRenderException} whose message says where and why in the template's terms and
 * never carries a value: Velocity's own messages quote what a failing method threw, and Java's exceptions quote
 * their input (a secret parameter handed to {@code $fn.date} or {@code substring} would end up in the execution's
 * error).
 */
@Component("velocitySandbox")
public class VelocitySandbox {

    /** The engine's settings, on the classpath; shared with {@link TemplateSyntax}. */
    public static final String PROPERTIES_FILE = "velocity/sandbox.properties";
    static final String TEMPLATE_NAME = "payloadTemplate";

    // a runbook author writes the templates: what is kept stays bounded (128 trees of at most 8 KiB of text each),
    // a bigger template is parsed on every render, as any was before
    private static final int COMPILED_TEMPLATES = 128;
    private static final int LONGEST_KEPT_TEMPLATE = 8 * 1024;

    private final RuntimeInstance velocity = new RuntimeInstance();
    private final Map<String, Template> compiled = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
                    return size() > COMPILED_TEMPLATES;
                }
            });
    private final TemplateContext templateContext;
    private final TemplateLimits limits;

    @Autowired
    public VelocitySandbox(TemplateContext templateContext,
                           @Value("${runwire.template.max-output-bytes:1048576}") long maxOutputBytes,
                           @Value("${runwire.template.max-render-time:2s}") Duration maxRenderTime) {
        this(templateContext, new TemplateLimits(maxOutputBytes, maxRenderTime));
    }

    VelocitySandbox(TemplateContext templateContext, TemplateLimits limits) {
        this.templateContext = templateContext;
        this.limits = limits;
        // silent whatever the log levels: Velocity's messages quote template input (a parse error inside #evaluate
        // quotes the evaluated text, which may be a secret parameter); the execution's error says what went wrong
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_INSTANCE, NOPLogger.NOP_LOGGER);
        velocity.init(properties());
    }

    /** The payload for these template variables (see {@link TemplateContext#of}). */
    public String render(String template, Map<String, ?> values) {
        if (template == null) {
            throw new IllegalArgumentException("There is no payload template to render");
        }
        return render(template, templateContext.of(values));
    }

    /** Renders against any context: for tests that put objects in front of a template that TemplateContext refuses. */
    String render(String template, Context context) {
        try (RenderBudget budget = RenderBudget.open(limits)) {
            PayloadWriter payload = new PayloadWriter(budget);
            compiled(template).merge(context, payload);
            return payload.toString();
        } catch (StackOverflowError e) {
            throw TemplateLimitException.depth();
        } catch (RuntimeException e) {
            throw describe(e);
        }
    }

    /**
     * The template parsed once per text: a runbook's template is the same on every execution, and parsing it was
     * most of the render's cost. A tree is read-only while it renders, so executions share it.
     */
    private Template compiled(String text) {
        Template cached = compiled.get(text);
        if (cached != null) {
            return cached;
        }
        Template template = new Template();
        template.setName(TEMPLATE_NAME);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parse(new StringReader(text), template));
        } catch (ParseException e) {
            throw new ParseErrorException(e, null);
        }
        template.initDocument();
        if (text.length() <= LONGEST_KEPT_TEMPLATE) {
            compiled.put(text, template);
        }
        return template;
    }

    public static Properties properties() {
        try (InputStream in = VelocitySandbox.class.getClassLoader().getResourceAsStream(PROPERTIES_FILE)) {
            if (in == null) {
                throw new IllegalStateException(PROPERTIES_FILE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failure in words that are safe to record: positions, method names and exception types, never messages. */
    static TemplateRenderException describe(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateRenderException known) {
                return known;
            }
            if (cause instanceof StackOverflowError) {
                return TemplateLimitException.depth();
            }
        }
        if (failure instanceof MethodInvocationException invocation) {
            Throwable thrown = invocation.getCause();
            String reason = thrown instanceof TemplateFunctionException refusal ? refusal.getMessage()
                    : "threw " + (thrown == null ? "an exception" : thrown.getClass().getSimpleName());
            return new TemplateRenderException("the payload template failed at " + position(
                    invocation.getLineNumber(), invocation.getColumnNumber()) + ", " + invocation.getMethodName()
                    + "(): " + reason);
        }
        if (failure instanceof ParseErrorException parse) {
            return new TemplateRenderException("the payload template does not parse at "
                    + position(parse.getLineNumber(), parse.getColumnNumber()));
        }
        if (failure instanceof TemplateInitException init) {
            return new TemplateRenderException("the payload template does not parse at "
                    + position(init.getLineNumber(), init.getColumnNumber()));
        }
        return new TemplateRenderException("the payload template could not be rendered ("
                + failure.getClass().getSimpleName() + ")");
    }

    private static String position(int line, int column) {
        return "line " + line + ", column " + column;
    }
}
