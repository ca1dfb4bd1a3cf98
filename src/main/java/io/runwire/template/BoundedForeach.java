package io.runwire.template;

import java.util.Iterator;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * {@code #foreach} ({@code runtime.custom_directives} replaces Velocity's own by name) that checks the render's
 * deadline on every iteration, so even a loop with an empty body over {@code [1..100000000]} ends in time. There is
 * no loop count: Velocity's {@code directive.foreach.max_loops} ends a loop silently, which sends a truncated
 * payload; a loop is bounded by the render's time and output instead.
 */
public class BoundedForeach extends Foreach {

    @Override
    @SuppressWarnings("rawtypes")
    protected Iterator getIterator(Object iterable, Node node) {
        Iterator<?> iterator = super.getIterator(iterable, node);
        return iterator == null ? null : new TimedIterator<>(iterator, RenderBudget.current());
    }

    private record TimedIterator<T>(Iterator<T> iterator, RenderBudget budget) implements Iterator<T> {

        @Override
        public boolean hasNext() {
            budget.checkTime();
            return iterator.hasNext();
        }

        @Override
        public T next() {
            budget.checkTime();
            return iterator.next();
        }

        @Override
        public void remove() {
            iterator.remove();
        }
    }
}
