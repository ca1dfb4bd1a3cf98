package io.runwire.template;

/**
 * What the render running on this thread may still spend: time until its deadline, output bytes, and work (text and
 * values built along the way). Opened by {@link VelocitySandbox} around one render and closed when it ends; the
 * guards of the sandboxed engine ({@link GuardedNodes}, {@link BoundedForeach}, {@link InsertionBudget},
 * {@link BoundedMethod}, the output writer) charge it and throw {@link TemplateLimitException} when it runs out.
 * A render is synchronous on one thread, so the budget is per render however many runbooks share the engine.
 * Nothing checks a thread's interrupt flag: the deadline is checked as the template runs.
 */
final class RenderBudget implements AutoCloseable {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final TemplateLimits limits;
    private final long deadline;
    private long outputBytes;
    private long work;
    private boolean insertingIntoOutput;

    private RenderBudget(TemplateLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxRenderTime().toNanos();
    }

    static RenderBudget open(TemplateLimits limits) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("A render is already running on this thread");
        }
        RenderBudget budget = new RenderBudget(limits);
        CURRENT.set(budget);
        return budget;
    }

    /** The engine's guards refuse to run outside {@link VelocitySandbox#render}: no budget, no render. */
    static RenderBudget current() {
        RenderBudget budget = CURRENT.get();
        if (budget == null) {
            throw new IllegalStateException("Payload templates are rendered only through VelocitySandbox.render");
        }
        return budget;
    }

    /** Parsing happens at save time too (TemplateSyntax), with no render and so no deadline. */
    static void checkTimeIfRendering() {
        RenderBudget budget = CURRENT.get();
        if (budget != null) {
            budget.checkTime();
        }
    }

    TemplateLimits limits() {
        return limits;
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw TemplateLimitException.time(limits);
        }
    }

    void output(long bytes) {
        outputBytes += bytes;
        if (outputBytes > limits.maxOutputBytes()) {
            throw TemplateLimitException.output(limits);
        }
    }

    long remainingOutput() {
        return limits.maxOutputBytes() - outputBytes;
    }

    /** Charges text or values the template built; {@code units} are characters, or {@link TemplateLimits#ELEMENT_UNITS} per element. */
    void work(long units) {
        checkWork(units);
        work += units;
    }

    /** Refuses, before it is built, something that would not fit in what is left. */
    void checkWork(long units) {
        if (units > remainingWork()) {
            throw TemplateLimitException.work(limits);
        }
    }

    long remainingWork() {
        return limits.maxWork() - work;
    }

    /** Where the reference being rendered goes: the payload itself, or a string or block being built. */
    boolean insertingIntoOutput(boolean intoOutput) {
        boolean previous = insertingIntoOutput;
        insertingIntoOutput = intoOutput;
        return previous;
    }

    boolean insertingIntoOutput() {
        return insertingIntoOutput;
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
