package io.runwire.template;

import java.io.Reader;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.StandardParser;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Velocity's parser ({@code parser.class} in {@code velocity/sandbox.properties}), whose every tree gets
 * {@link GuardedNodes}: the template itself, each interpolated string literal, and each {@code #evaluate}.
 */
public class GuardedParser extends StandardParser {

    public GuardedParser(RuntimeServices runtimeServices) {
        super(runtimeServices);
    }

    @Override
    public SimpleNode parse(Reader reader, Template template) throws ParseException {
        RenderBudget.checkTimeIfRendering();
        return GuardedNodes.install(super.parse(reader, template));
    }
}
