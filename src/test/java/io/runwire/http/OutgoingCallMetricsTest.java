package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runwire.http.AttemptClassifier.Verdict;
import io.runwire.http.OutgoingCallMetrics.CallOutcome;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

class OutgoingCallMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OutgoingCallMetrics metrics = new OutgoingCallMetrics(registry);

    @Test
    void aCallRefusedByTheAddressGuardIsRefusedWhateverItIsWrappedIn() {
        TargetRefusedException refused = new TargetRefusedException("metadata.internal", "169.254.169.254 is a cloud metadata address");

        assertThat(CallOutcome.of(Verdict.FAILED, new RuntimeCamelException(new IOException("connect", refused))))
                .isEqualTo(CallOutcome.REFUSED);
        assertThat(CallOutcome.of(Verdict.FAILED, new RuntimeCamelException(new IOException("reset"))))
                .isEqualTo(CallOutcome.FAILED);
        assertThat(CallOutcome.of(Verdict.RETRY, new SocketTimeoutException())).isEqualTo(CallOutcome.RETRY);
        assertThat(CallOutcome.of(Verdict.TIMED_OUT, new SocketTimeoutException())).isEqualTo(CallOutcome.TIMED_OUT);
        assertThat(CallOutcome.of(Verdict.SUCCESS, null)).isEqualTo(CallOutcome.SUCCESS);
    }

    @Test
    void callsAreTimedByHostAloneNeverByPathQueryOrCredentials() {
        metrics.record("https://Hooks.Example.com:8443/restart/abc?token=s3cret", CallOutcome.SUCCESS, 5_000_000);
        metrics.record("https://user:pw@hooks.example.com/other", CallOutcome.SUCCESS, 15_000_000);
        metrics.record("https://hooks.example.com/x", CallOutcome.RETRY, 1_000_000);

        Timer success = registry.get(OutgoingCallMetrics.NAME).tags("host", "hooks.example.com", "outcome", "SUCCESS").timer();
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20.0);
        assertThat(registry.get(OutgoingCallMetrics.NAME).tags("outcome", "RETRY").timer().count()).isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain("restart", "token", "s3cret", "user", "pw", "8443"));
    }

    @Test
    void hostsBeyondTheLimitAreCountedTogether() {
        for (int i = 0; i < OutgoingCallMetrics.MOST_HOSTS + 20; i++) {
            metrics.record("https://host-" + i + ".example.com/", CallOutcome.FAILED, 1_000_000);
        }

        assertThat(registry.find(OutgoingCallMetrics.NAME).timers()).hasSize(OutgoingCallMetrics.MOST_HOSTS + 1);
        assertThat(registry.get(OutgoingCallMetrics.NAME).tags("host", OutgoingCallMetrics.OTHER_HOSTS).timer().count())
                .isEqualTo(20);
    }
}
