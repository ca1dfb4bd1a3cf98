package io.runwire.metrics;

import java.time.Duration;

/** Histogram buckets of Runwire's timers: a few fixed ones, so each timer adds a dozen series to a scrape, not 70. */
public final class Buckets {

    private Buckets() {
    }

    public static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        }
        return durations;
    }
}
