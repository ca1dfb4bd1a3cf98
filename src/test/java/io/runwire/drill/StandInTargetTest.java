package io.runwire.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The drill's instrument measures what it claims: receptions per execution, overlaps, and calls in flight. */
class StandInTargetTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void countsEveryReceptionAndAnOverlapWhenOneExecutionArrivesTwiceAtOnce() throws Exception {
        try (StandInTarget target = StandInTarget.start(300, 300, 4)) {
            CompletableFuture<HttpResponse<Void>> first = call(target, "exec-1", "exec-1");
            CompletableFuture<HttpResponse<Void>> second = call(target, "exec-1", "exec-1");
            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(second.get().statusCode()).isEqualTo(200);
            call(target, "exec-2", "exec-2").get();

            assertThat(target.receptions("exec-1")).isEqualTo(2);
            assertThat(target.receptions("exec-2")).isEqualTo(1);
            assertThat(target.overlaps()).isEqualTo(1);
            assertThat(target.overlappingIds()).containsExactly("exec-1");
            assertThat(target.requests()).isEqualTo(3);
        }
    }

    @Test
    void watchingCollectsTheCallsUnderWayAndThoseArrivingUntilItStops() throws Exception {
        try (StandInTarget target = StandInTarget.start(300, 300, 4)) {
            CompletableFuture<HttpResponse<Void>> underWay = call(target, "before", "before");
            awaitInFlight(target, "before");
            target.startWatching();
            CompletableFuture<HttpResponse<Void>> arriving = call(target, "during", "during");
            awaitInFlight(target, "during");
            Set<String> watched = target.stopWatching();
            call(target, "after", "after").get();
            underWay.get();
            arriving.get();

            assertThat(watched).containsExactlyInAnyOrder("before", "during");
            assertThat(target.inFlightNow()).isEmpty();
        }
    }

    @Test
    void countsCallsWithoutExecutionIdOrWithAnotherIdempotencyKey() throws Exception {
        try (StandInTarget target = StandInTarget.start(1, 1, 2)) {
            call(target, null, null).get();
            call(target, "exec-3", "something-else").get();

            assertThat(target.withoutExecutionId()).isEqualTo(1);
            assertThat(target.idempotencyKeyMismatches()).isEqualTo(1);
            assertThat(target.overlaps()).isZero();
        }
    }

    private static CompletableFuture<HttpResponse<Void>> call(StandInTarget target, String executionId,
                                                              String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url("/hook")))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (executionId != null) {
            request.header(StandInTarget.EXECUTION_HEADER, executionId);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitInFlight(StandInTarget target, String executionId) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> target.inFlightNow().contains(executionId));
    }
}
