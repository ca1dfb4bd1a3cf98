package io.runwire.http;

import static io.runwire.metrics.Buckets.seconds;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.runwire.http.AttemptClassifier.Verdict;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.springframework.stereotype.Component;

/**
 * {@code runwire_outgoing_call_duration_seconds{host, outcome}}: how long each outgoing call (a runbook's attempt, a
 * workflow's webhook, jira or linear request) took, by the target's host — never its path or query, which may carry
 * tokens — and what the attempt came to. Timers are kept per host, so a call looks its timer up without building a
 * meter id.
 */
@Component
public class OutgoingCallMetrics {

    static final String NAME = "runwire.outgoing.call.duration";
    /** Hosts beyond this many are counted together as {@value #OTHER_HOSTS}, so no definition can flood the scrape. */
    static final int MOST_HOSTS = 500;
    static final String OTHER_HOSTS = "other";
    private static final Duration[] BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);

    /** What one attempt came to, as its record in runbook_execution_attempts says, or refused by the address guard. */
    public enum CallOutcome {
        SUCCESS, RETRY, FAILED, TIMED_OUT, REFUSED;

        public static CallOutcome of(Verdict verdict, Throwable failure) {
            if (failure != null && AttemptClassifier.cause(failure) instanceof TargetRefusedException) {
                return REFUSED;
            }
            return switch (verdict) {
                case SUCCESS -> SUCCESS;
                case RETRY -> RETRY;
                case FAILED -> FAILED;
                case TIMED_OUT -> TIMED_OUT;
            };
        }
    }

    private final MeterRegistry registry;
    private final Map<String, HostTimers> byHost = new ConcurrentHashMap<>();

    public OutgoingCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String url, CallOutcome outcome, long nanos) {
        timersOf(host(url)).of(outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    private HostTimers timersOf(String host) {
        HostTimers timers = byHost.get(host);
        if (timers != null) {
            return timers;
        }
        String kept = byHost.size() < MOST_HOSTS ? host : OTHER_HOSTS;
        return byHost.computeIfAbsent(kept, HostTimers::new);
    }

    /** One host's timers, registered as its outcomes first occur. */
    private final class HostTimers {

        private final String host;
        private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(CallOutcome.values().length);

        HostTimers(String host) {
            this.host = host;
        }

        Timer of(CallOutcome outcome) {
            Timer timer = timers.get(outcome.ordinal());
            if (timer == null) {
                // a race registers the same meter twice, and Micrometer hands back the one it has
                timer = Timer.builder(NAME)
                        .description("Outgoing calls by target host and what the attempt came to")
                        .tag("host", host)
                        .tag("outcome", outcome.name())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry);
                timers.set(outcome.ordinal(), timer);
            }
            return timer;
        }
    }

    /** The host of {@code url}, lower case; "unknown" when it has none. */
    static String host(String url) {
        try {
            String host = url == null ? null : URI.create(url).getHost();
            return host == null ? "unknown" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
