package io.runwire.template;

import java.time.Duration;

/**
 * How much one render may produce and for how long it may run. Besides its output, a render may build text and
 * values along the way ({@code #set} strings, helper results, lists it grows) up to {@link #WORK_FACTOR} times the
 * output limit, so memory per render stays bounded however the template is written.
 */
public record TemplateLimits(long maxOutputBytes, Duration maxRenderTime) {

    public static final int WORK_FACTOR = 4;
    /** What one list element or map entry counts for, against the work limit (a reference, roughly). */
    static final int ELEMENT_UNITS = 8;

    public TemplateLimits {
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("runwire.template.max-output-bytes must be at least 1");
        }
        if (maxRenderTime == null || maxRenderTime.isNegative() || maxRenderTime.isZero()) {
            throw new IllegalArgumentException("runwire.template.max-render-time must be positive");
        }
    }

    long maxWork() {
        return maxOutputBytes > Long.MAX_VALUE / WORK_FACTOR ? Long.MAX_VALUE : maxOutputBytes * WORK_FACTOR;
    }

    String describeOutput() {
        return size(maxOutputBytes);
    }

    String describeWork() {
        return size(maxWork());
    }

    String describeTime() {
        long millis = maxRenderTime.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
