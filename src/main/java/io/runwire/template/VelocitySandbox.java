package io.runwire.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.camel.component.velocity.VelocityConstants;

/**
 * How a route renders a runbook payload: the template text in header {@link #TEMPLATE_HEADER}, the whole template
 * context (a Velocity {@code Context} from {@link TemplateContext#of}) in header {@link #CONTEXT_HEADER}, then
 * {@code to: <ENDPOINT_URI>}. Because a context is given, Camel adds nothing of its own ({@code $body},
 * {@code $headers}, {@code $exchange}...): templates see exactly {@link TemplateContext#NAMES} and {@code $fn}.
 */
public final class VelocitySandbox {

    /** The engine's settings, on the classpath; shared by the endpoint and {@link TemplateSyntax}. */
    public static final String PROPERTIES_FILE = "velocity/sandbox.properties";
    /**
     * One endpoint (so one engine) for every runbook. {@code runbook-payload} names no real resource: the template
     * always comes from the header, and a missing header fails loudly instead of rendering some file.
     */
    public static final String ENDPOINT_URI = "velocity:runbook-payload?allowTemplateFromHeader=true"
            + "&allowContextMapAll=false&contentCache=false&propertiesFile=classpath:" + PROPERTIES_FILE;
    public static final String TEMPLATE_HEADER = VelocityConstants.VELOCITY_TEMPLATE;
    public static final String CONTEXT_HEADER = VelocityConstants.VELOCITY_CONTEXT;

    private VelocitySandbox() {
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
}
