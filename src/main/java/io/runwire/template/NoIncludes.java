package io.runwire.template;

import org.apache.velocity.app.event.IncludeEventHandler;
import org.apache.velocity.context.Context;

/** {@code #include} and {@code #parse} include nothing: a payload template is one self-contained text. */
public class NoIncludes implements IncludeEventHandler {

    @Override
    public String includeEvent(Context context, String includeResourcePath, String currentResourcePath,
                               String directiveName) {
        return null;
    }
}
