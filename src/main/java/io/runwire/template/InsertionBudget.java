package io.runwire.template;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.runtime.Renderable;

/**
 * Sizes a reference's value before Velocity turns it into text: into the payload it must fit what is left of the
 * output limit (a list of a million strings fails here, not after its text filled the heap); into a string or block
 * being built it is charged as work. A {@code #define} block renders through the guarded nodes, which count it.
 */
public class InsertionBudget implements ReferenceInsertionEventHandler {

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        RenderBudget budget = RenderBudget.current();
        budget.checkTime();
        if (value == null || value instanceof Renderable) {
            return value;
        }
        long size = TextSize.of(value, budget.remainingWork());
        if (!budget.insertingIntoOutput()) {
            budget.work(size);
        } else if (value instanceof CharSequence && size > budget.remainingOutput()) {
            // every character is at least one byte of UTF-8
            throw TemplateLimitException.output(budget.limits());
        } else {
            budget.checkWork(size);
        }
        return value;
    }
}
