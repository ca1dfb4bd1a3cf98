package io.runwire.template;

import java.io.StringReader;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.springframework.stereotype.Component;

/** Checks at save time that a payload template parses, so a runbook with a broken template is refused with a 400. */
@Component
public class TemplateSyntax {

    private static final String NAME = "payloadTemplate";
    /** Velocity repeats the position inside its message; it is given once, up front. */
    private static final Pattern POSITION = Pattern.compile("\\s*at " + NAME + "\\[line \\d+, column \\d+]");

    private final RuntimeInstance velocity = new RuntimeInstance();

    public TemplateSyntax() {
        Properties properties = VelocitySandbox.properties();
        // a refused template is the author's mistake, logged under our name rather than as a Velocity error
        properties.setProperty(RuntimeConstants.RUNTIME_LOG_NAME, TemplateSyntax.class.getName());
        velocity.init(properties);
    }

    /** The problem with its line and column, or empty when the template parses. Nothing is rendered. */
    public Optional<String> check(String template) {
        if (template == null) {
            return Optional.empty();
        }
        Template parsed = new Template();
        parsed.setName(NAME);
        parsed.setRuntimeServices(velocity);
        try {
            parsed.setData(velocity.parse(new StringReader(template), parsed));
            parsed.initDocument();
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(describe(new ParseErrorException(e, NAME)));
        } catch (ParseErrorException e) {
            return Optional.of(describe(e));
        } catch (TemplateInitException e) {
            return Optional.of(describe(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
        }
    }

    private static String describe(ParseErrorException e) {
        return describe(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
    }

    private static String describe(int line, int column, String message) {
        String text = message == null ? "cannot be parsed" : message;
        int end = text.indexOf('\n');
        text = POSITION.matcher(end < 0 ? text : text.substring(0, end)).replaceAll("").trim();
        return "line " + line + ", column " + column + ": " + text;
    }
}
