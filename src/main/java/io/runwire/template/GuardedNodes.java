package io.runwire.template;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.ASTAddNode;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTEQNode;
import org.apache.velocity.runtime.parser.node.ASTIntegerRange;
import org.apache.velocity.runtime.parser.node.ASTMulNode;
import org.apache.velocity.runtime.parser.node.ASTNENode;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.ASTSubtractNode;
import org.apache.velocity.runtime.parser.node.ASTText;
import org.apache.velocity.runtime.parser.node.ASTTextblock;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.util.StringBuilderWriter;

/**
 * Swaps, in a freshly parsed tree, the nodes that produce text or values for subclasses that charge the
 * {@link RenderBudget} and check its deadline. Velocity renders string literals and {@code #define} blocks into
 * buffers of its own, never into the payload's writer, so only the nodes themselves see all the text a template
 * builds: literal text, references, {@code +} on strings, arithmetic on big numbers, ranges outside a
 * {@code #foreach}, and {@code ==}/{@code !=} between values Velocity compares as text.
 *
 * <p>The parser sets up none of these node types beyond what {@link SimpleNode} holds, so a replacement takes over
 * the original's tokens, children and parent before {@code init} runs, and {@code init} does the rest.
 */
final class GuardedNodes {

    private GuardedNodes() {
    }

    static SimpleNode install(SimpleNode root) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            for (int i = 0; i < node.jjtGetNumChildren(); i++) {
                Node child = node.jjtGetChild(i);
                Node guarded = guard(child, node, i);
                if (guarded != child) {
                    node.jjtAddChild(guarded, i);
                }
                pending.push(guarded);
            }
        }
        return root;
    }

    private static Node guard(Node node, Node parent, int index) {
        Class<?> type = node.getClass();
        if (type == ASTText.class) {
            return new Text((ASTText) node);
        }
        if (type == ASTTextblock.class) {
            return new Textblock((ASTTextblock) node);
        }
        if (type == ASTReference.class) {
            return new Reference((ASTReference) node);
        }
        if (type == ASTAddNode.class) {
            return new Add((ASTAddNode) node);
        }
        if (type == ASTSubtractNode.class) {
            return new Subtract((ASTSubtractNode) node);
        }
        if (type == ASTMulNode.class) {
            return new Multiply((ASTMulNode) node);
        }
        if (type == ASTEQNode.class) {
            return new Equal((ASTEQNode) node);
        }
        if (type == ASTNENode.class) {
            return new NotEqual((ASTNENode) node);
        }
        if (type == ASTIntegerRange.class) {
            return new Range((ASTIntegerRange) node, isForeachIterable(parent, index));
        }
        return node;
    }

    /** {@code #foreach($x in [a..b])}: Velocity's range is lazy, and the loop is bounded by time and output. */
    private static boolean isForeachIterable(Node parent, int index) {
        return index == 2 && parent instanceof ASTDirective directive
                && "foreach".equals(directive.getDirectiveName());
    }

    /** What the parser gave the original, through public setters (the protected rest is copied by each subclass). */
    private static void adopt(SimpleNode guarded, SimpleNode original) {
        guarded.setFirstToken(original.getFirstToken());
        guarded.setInfo(original.getInfo());
        if (original.isInvalid()) {
            guarded.setInvalid();
        }
        guarded.state = original.state;
        guarded.jjtSetParent(original.jjtGetParent());
        for (int i = 0; i < original.jjtGetNumChildren(); i++) {
            Node child = original.jjtGetChild(i);
            guarded.jjtAddChild(child, i);
            child.jjtSetParent(guarded);
        }
    }

    /** Text written into a string or block being built (not into the payload, which counts itself). */
    private static void chargeBuilt(Writer writer, long length) {
        if (!(writer instanceof PayloadWriter)) {
            RenderBudget.current().work(length);
        }
    }

    private static void chargeBig(Object number) {
        if (number instanceof BigInteger || number instanceof BigDecimal) {
            RenderBudget budget = RenderBudget.current();
            budget.work(TextSize.of(number, budget.remainingWork()));
        }
    }

    static final class Text extends ASTText {

        Text(ASTText original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
            RenderBudget.current().checkTime();
            String text = getCtext();
            chargeBuilt(writer, text == null ? 0 : text.length());
            return super.render(context, writer);
        }
    }

    static final class Textblock extends ASTTextblock {

        Textblock(ASTTextblock original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
            RenderBudget.current().checkTime();
            if (!(writer instanceof StringBuilderWriter buffer)) {
                return super.render(context, writer);
            }
            int before = buffer.getBuilder().length();
            boolean rendered = super.render(context, writer);
            chargeBuilt(writer, buffer.getBuilder().length() - before);
            return rendered;
        }
    }

    /** Tells {@link InsertionBudget} where the value goes; it sizes the value before Velocity turns it into text. */
    static final class Reference extends ASTReference {

        Reference(ASTReference original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
            RenderBudget budget = RenderBudget.current();
            budget.checkTime();
            boolean previous = budget.insertingIntoOutput(writer instanceof PayloadWriter);
            try {
                return super.render(context, writer);
            } finally {
                budget.insertingIntoOutput(previous);
            }
        }
    }

    /** {@code "a" + $b}: a new string as long as both sides together, charged before it is made. */
    static final class Add extends ASTAddNode {

        Add(ASTAddNode original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        protected Object handleSpecial(Object left, Object right, InternalContextAdapter context) {
            RenderBudget budget = RenderBudget.current();
            budget.checkTime();
            if (left instanceof CharSequence || right instanceof CharSequence) {
                long remaining = budget.remainingWork();
                budget.work(TextSize.plus(TextSize.of(left, remaining), TextSize.of(right, remaining)));
            }
            return super.handleSpecial(left, right, context);
        }

        @Override
        public Number perform(Number left, Number right, InternalContextAdapter context) {
            Number result = super.perform(left, right, context);
            chargeBig(result);
            return result;
        }
    }

    static final class Subtract extends ASTSubtractNode {

        Subtract(ASTSubtractNode original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public Number perform(Number left, Number right, InternalContextAdapter context) {
            RenderBudget.current().checkTime();
            Number result = super.perform(left, right, context);
            chargeBig(result);
            return result;
        }
    }

    /** Velocity widens an overflowing product to BigInteger: squaring one in a loop doubles its size each time. */
    static final class Multiply extends ASTMulNode {

        Multiply(ASTMulNode original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public Number perform(Number left, Number right, InternalContextAdapter context) {
            RenderBudget budget = RenderBudget.current();
            budget.checkTime();
            long remaining = budget.remainingWork();
            budget.checkWork(TextSize.plus(TextSize.of(left, remaining), TextSize.of(right, remaining)));
            Number result = super.perform(left, right, context);
            chargeBig(result);
            return result;
        }
    }

    /** Velocity compares values of unrelated types by their text: both become strings first. */
    static final class Equal extends ASTEQNode {

        Equal(ASTEQNode original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public boolean compareNonNumber(Object left, Object right) {
            checkComparable(left, right);
            return super.compareNonNumber(left, right);
        }
    }

    static final class NotEqual extends ASTNENode {

        NotEqual(ASTNENode original) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
        }

        @Override
        public boolean compareNonNumber(Object left, Object right) {
            checkComparable(left, right);
            return super.compareNonNumber(left, right);
        }
    }

    private static void checkComparable(Object left, Object right) {
        RenderBudget budget = RenderBudget.current();
        budget.checkTime();
        boolean related = left == null || right == null || left.getClass().isAssignableFrom(right.getClass())
                || right.getClass().isAssignableFrom(left.getClass());
        if (!related) {
            long remaining = budget.remainingWork();
            budget.checkWork(TextSize.plus(TextSize.of(left, remaining), TextSize.of(right, remaining)));
        }
    }

    /**
     * {@code [a..b]}: lazy in Velocity 2 ({@code runtime.immutable_ranges}), so free to iterate; kept in a variable
     * or handed to a method it counts like the list it stands for, since its text or a copy of it would be that big.
     */
    static final class Range extends ASTIntegerRange {

        private final boolean iterated;

        Range(ASTIntegerRange original, boolean iterated) {
            super(original.getParser(), original.getType());
            last = original.getLastToken();
            template = original.getTemplate();
            adopt(this, original);
            this.iterated = iterated;
        }

        @Override
        public Object value(InternalContextAdapter context) {
            RenderBudget budget = RenderBudget.current();
            budget.checkTime();
            Object range = super.value(context);
            if (!iterated && range instanceof Collection<?> elements) {
                budget.work(TextSize.times(elements.size(), TemplateLimits.ELEMENT_UNITS));
            }
            return range;
        }
    }
}
