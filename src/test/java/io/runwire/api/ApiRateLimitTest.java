package io.runwire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.security.ApiTokens;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.InstancesOnOneDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The API's rate limits on two real Runwire instances (two Spring contexts, each with its own Tomcat port) sharing one
 * PostgreSQL, each key limited to 50 requests a second with bursts of 50, its execute bucket to bursts of 5 refilled
 * at one every 10 s.
 */
class ApiRateLimitTest {

    private static final String ADMIN_TOKEN = "rate-limit-admin-token";
    private static final int RATE = 50;
    private static final int BURST = 50;
    private static final int EXECUTE_BURST = 5;

    @RegisterExtension
    static final InstancesOnOneDatabase INSTANCES = new InstancesOnOneDatabase(2, ADMIN_TOKEN,
            "--runwire.api.rate-limit.rate=" + RATE,
            "--runwire.api.rate-limit.burst=" + BURST,
            "--runwire.api.rate-limit.execute.rate=0.1",
            "--runwire.api.rate-limit.execute.burst=" + EXECUTE_BURST);

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void twoInstancesOnOneDatabase() {
        a = INSTANCES.instance(0);
        b = INSTANCES.instance(1);
    }

    @Test
    void aBurstOf200OnOneKeyGets429sBeyondTheLimitWithRetryAfterAndAnotherKeyIsUnaffected() throws Exception {
        String busy = newKey();
        String other = newKey();

        Burst burst = burst(200, i -> new ApiClient(url(a), busy).get("/api/users/me"));

        assertThat(burst.ok()).as(burst.toString()).isBetween((long) BURST, burst.mostAllowed());
        assertThat(burst.limited()).as(burst.toString()).isEqualTo(200 - burst.ok()).isPositive();
        for (ApiResponse refused : burst.refused()) {
            assertThat(refused.error()).startsWith("Rate limit exceeded for this API key (api: 50 requests a second");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isEqualTo(1);
            assertThat(refused.headers().firstValue("RateLimit")).hasValue("\"api\";r=0;t=" + retryAfter);
            assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"api\";q=50;w=1");
        }
        ApiResponse first = burst.responses().get(0);
        assertThat(first.headers().firstValue("RateLimit").orElseThrow()).matches("\"api\";r=\\d+;t=[01]");

        for (int i = 0; i < 20; i++) {
            ApiResponse unaffected = new ApiClient(url(a), other).get("/api/users/me");
            assertThat(unaffected.status()).as(unaffected.toString()).isEqualTo(200);
        }
    }

    @Test
    void requestsAlternatingBetweenTwoInstancesShareOneBucket() throws Exception {
        String key = newKey();

        Burst burst = burst(200, i -> new ApiClient(url(i % 2 == 0 ? a : b), key).get("/api/users/me"));

        assertThat(burst.ok()).as(burst.toString()).isBetween((long) BURST, burst.mostAllowed());
        assertThat(burst.limited()).as(burst.toString()).isPositive();
        assertThat(burst.statusesByInstance()).as("each instance answered both ways")
                .containsEntry("a", List.of(200, 429)).containsEntry("b", List.of(200, 429));
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_rate_buckets b JOIN api_keys k ON k.id = b.key_id"
                + " WHERE k.token_hash = ?", Long.class, ApiTokens.hash(key))).as("one bucket, in the database")
                .isEqualTo(1);
    }

    @Test
    void executeRerunAndPreviewTakeFromAStricterBucketOfTheirOwn() {
        String key = newKey();
        ApiClient onA = new ApiClient(url(a), key);
        ApiClient onB = new ApiClient(url(b), key);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < EXECUTE_BURST; i++) {
            statuses.add((i % 2 == 0 ? onA : onB).post("/api/workflows/" + UUID.randomUUID() + "/execute",
                    Map.of("incidentId", UUID.randomUUID().toString())).status());
        }
        assertThat(statuses).as("within the burst: the endpoint's own answer").doesNotContain(429);

        List<ApiResponse> beyond = List.of(
                onA.post("/api/incidents/" + UUID.randomUUID() + "/runbooks/" + UUID.randomUUID() + "/execute", Map.of()),
                onB.post("/api/runbook-executions/" + UUID.randomUUID() + "/rerun"),
                onA.post("/api/workflows/" + UUID.randomUUID() + "/preview", Map.of()),
                onB.post("/api/incidents/" + UUID.randomUUID() + "/runbooks/" + UUID.randomUUID() + "/preview", Map.of()));
        for (ApiResponse refused : beyond) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"execute\";q=5;w=50");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        ApiResponse read = onB.get("/api/users/me");
        assertThat(read.status()).as("the api bucket is another").isEqualTo(200);
        assertThat(read.headers().firstValue("RateLimit-Policy")).hasValue("\"api\";q=50;w=1");
    }

    @Test
    void requestsWithoutAValidKeyAreRefusedAtTheGateNotCounted() throws Exception {
        Burst burst = burst(80, i -> new ApiClient(url(i % 2 == 0 ? a : b), "rw_not-a-key-" + i).get("/api/users/me"));
        assertThat(burst.responses()).extracting(ApiResponse::status).containsOnly(401);
        assertThat(burst.responses().get(0).headers().firstValue("RateLimit")).isEmpty();
    }

    private static String url(ConfigurableApplicationContext instance) {
        return INSTANCES.url(instance == a ? 0 : 1);
    }

    /** A new user's key, minted by the admin. */
    private static String newKey() {
        ApiClient admin = new ApiClient(url(a), ADMIN_TOKEN);
        ApiResponse user = admin.post("/api/users", Map.of("email", "rl-" + UUID.randomUUID() + "@example.com",
                "firstName", "Rate", "lastName", "Limited"));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        ApiResponse key = admin.post("/api/keys", Map.of("name", "burst", "userId", user.text("/user/id")));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return key.text("/key/token");
    }

    /** {@code count} requests from 32 threads at once, and how long from the first sent to the last answered. */
    private static Burst burst(int count, IntFunction<ApiResponse> request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            long started = System.nanoTime();
            List<Future<ApiResponse>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                sent.add(clients.submit(() -> request.apply(index)));
            }
            List<ApiResponse> responses = new ArrayList<>();
            for (Future<ApiResponse> response : sent) {
                responses.add(response.get());
            }
            return new Burst(responses, (System.nanoTime() - started) / 1e9);
        } finally {
            clients.shutdownNow();
        }
    }

    record Burst(List<ApiResponse> responses, double seconds) {

        long ok() {
            return responses.stream().filter(response -> response.status() == 200).count();
        }

        long limited() {
            return refused().size();
        }

        List<ApiResponse> refused() {
            return responses.stream().filter(response -> response.status() == 429).toList();
        }

        /** The burst, and what the bucket refilled while the burst lasted (and one for rounding). */
        long mostAllowed() {
            return BURST + (long) Math.ceil(RATE * seconds) + 1;
        }

        /** Request i went to a when i is even: the distinct statuses each instance answered. */
        Map<String, List<Integer>> statusesByInstance() {
            Map<String, List<Integer>> statuses = new TreeMap<>();
            for (int i = 0; i < responses.size(); i++) {
                statuses.computeIfAbsent(i % 2 == 0 ? "a" : "b", instance -> new ArrayList<>())
                        .add(responses.get(i).status());
            }
            statuses.replaceAll((instance, list) -> list.stream().distinct().sorted().toList());
            return statuses;
        }

        @Override
        public String toString() {
            return ok() + " of " + responses.size() + " answered 200, " + limited() + " 429, in "
                    + String.format("%.2f", seconds) + " s";
        }
    }
}
