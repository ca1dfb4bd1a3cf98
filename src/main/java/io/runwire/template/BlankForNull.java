package io.runwire.template;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/**
 * A reference with no value renders as nothing (as if written {@code $!ref}) instead of echoing its own source text
 * into the payload.
 */
public class BlankForNull implements ReferenceInsertionEventHandler {

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        return value == null ? "" : value;
    }
}
