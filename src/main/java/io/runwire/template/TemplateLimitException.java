package io.runwire.template;

/** A render went past one of its {@link TemplateLimits}; the message names the limit. */
public final class TemplateLimitException extends TemplateRenderException {

    private TemplateLimitException(String message) {
        super(message);
    }

    static TemplateLimitException output(TemplateLimits limits) {
        return new TemplateLimitException("the payload template produced more than " + limits.describeOutput());
    }

    static TemplateLimitException work(TemplateLimits limits) {
        return new TemplateLimitException("the payload template built more than " + limits.describeWork()
                + " of text and values along the way (" + TemplateLimits.WORK_FACTOR + " times the "
                + limits.describeOutput() + " output limit)");
    }

    static TemplateLimitException time(TemplateLimits limits) {
        return new TemplateLimitException("the payload template took longer than " + limits.describeTime()
                + " to render");
    }

    static TemplateLimitException depth() {
        return new TemplateLimitException("the payload template nests or recurses too deeply");
    }
}
