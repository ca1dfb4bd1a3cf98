package io.runwire.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runbooks' target: a loopback HTTP server that answers 200 after a random latency and remembers, per
 * {@code X-Runwire-Execution-Id}, how often and when it was called and whether two calls of one execution overlapped;
 * it counts the calls in flight at once (and may add them to a gauge shared with other targets). One made with
 * {@link #turningAwayFirstCalls} answers each execution's first call 429 with a {@code Retry-After}.
 */
public final class StandInTarget implements AutoCloseable {

    public static final String EXECUTION_HEADER = "X-Runwire-Execution-Id";
    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService workers;
    private final int latencyMinMs;
    private final int latencyMaxMs;
    private final int retryAfterSeconds;
    private final InFlightGauge calls = new InFlightGauge();
    private final InFlightGauge overall;

    private final Map<String, AtomicInteger> receptions = new ConcurrentHashMap<>();
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> firstAnsweredAt = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> receivedAt = new ConcurrentHashMap<>();
    private final Set<String> overlapping = ConcurrentHashMap.newKeySet();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger withoutExecutionId = new AtomicInteger();
    private final AtomicInteger idempotencyKeyMismatches = new AtomicInteger();
    private volatile Set<String> watched;

    private StandInTarget(int latencyMinMs, int latencyMaxMs, int threads, int retryAfterSeconds,
                          InFlightGauge overall) throws IOException {
        this.latencyMinMs = latencyMinMs;
        this.latencyMaxMs = latencyMaxMs;
        this.retryAfterSeconds = retryAfterSeconds;
        this.overall = overall;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        this.workers = Executors.newFixedThreadPool(threads);
        server.createContext("/", this::serve);
        server.setExecutor(workers);
    }

    public static StandInTarget start(int latencyMinMs, int latencyMaxMs, int threads) throws IOException {
        return start(latencyMinMs, latencyMaxMs, threads, new InFlightGauge());
    }

    /** A target whose calls in flight also count in {@code overall}, a gauge shared with other targets. */
    public static StandInTarget start(int latencyMinMs, int latencyMaxMs, int threads, InFlightGauge overall)
            throws IOException {
        StandInTarget target = new StandInTarget(latencyMinMs, latencyMaxMs, threads, 0, overall);
        target.server.start();
        return target;
    }

    /** Answers each execution's first call 429 with {@code Retry-After: retryAfterSeconds} at once, later calls 200. */
    public static StandInTarget turningAwayFirstCalls(int retryAfterSeconds, int latencyMinMs, int latencyMaxMs,
                                                      int threads) throws IOException {
        StandInTarget target = new StandInTarget(latencyMinMs, latencyMaxMs, threads, retryAfterSeconds,
                new InFlightGauge());
        target.server.start();
        return target;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        requests.incrementAndGet();
        String id = exchange.getRequestHeaders().getFirst(EXECUTION_HEADER);
        boolean identified = id != null && !id.isBlank();
        int status = 200;
        enter();
        try {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            if (!identified) {
                withoutExecutionId.incrementAndGet();
            } else {
                status = receive(id, exchange, arrived);
                if (status == 200) {
                    sleep(ThreadLocalRandom.current().nextInt(latencyMinMs, latencyMaxMs + 1));
                }
            }
        } finally {
            // out of the count before answering: a call counted here is surely still held by its caller
            leave();
        }
        try {
            answer(exchange, status);
        } finally {
            if (identified) {
                inFlight.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
                firstAnsweredAt.putIfAbsent(id, System.nanoTime());
            }
        }
    }

    /** Records a call of execution {@code id}; the status to answer it with. */
    private int receive(String id, HttpExchange exchange, long arrived) {
        if (!id.equals(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
            idempotencyKeyMismatches.incrementAndGet();
        }
        receivedAt.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(arrived);
        int reception = receptions.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        if (inFlight.merge(id, 1, Integer::sum) > 1) {
            overlaps.incrementAndGet();
            overlapping.add(id);
        }
        Set<String> watching = watched;
        if (watching != null) {
            watching.add(id);
        }
        return retryAfterSeconds > 0 && reception == 1 ? 429 : 200;
    }

    private void enter() {
        calls.enter();
        overall.enter();
    }

    private void leave() {
        calls.leave();
        overall.leave();
    }

    private void answer(HttpExchange exchange, int status) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (status == 429) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
            }
            exchange.sendResponseHeaders(status, ANSWER.length);
            out.write(ANSWER);
        } catch (IOException callerGone) {
            // the calling JVM was killed while we slept: that is the point of the drill
        } finally {
            exchange.close();
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ids being served right now. */
    public Set<String> inFlightNow() {
        return Set.copyOf(inFlight.keySet());
    }

    /**
     * Starts collecting every id in flight from now on (those being served now included), until {@link #stopWatching}:
     * a kill is not instantaneous, and a call that arrives while the JVM is dying was in flight at the kill too.
     */
    public void startWatching() {
        Set<String> watching = ConcurrentHashMap.newKeySet();
        watched = watching;
        watching.addAll(inFlight.keySet());
    }

    public Set<String> stopWatching() {
        Set<String> watching = watched;
        watched = null;
        return watching == null ? Set.of() : Set.copyOf(watching);
    }

    public int receptions(String id) {
        AtomicInteger count = receptions.get(id);
        return count == null ? 0 : count.get();
    }

    public Set<String> receivedIds() {
        return Set.copyOf(receptions.keySet());
    }

    public int distinctReceived() {
        return receptions.size();
    }

    public int requests() {
        return requests.get();
    }

    /** Times a call arrived while another call of the same execution was still being served. */
    public int overlaps() {
        return overlaps.get();
    }

    public Set<String> overlappingIds() {
        return Set.copyOf(overlapping);
    }

    public int withoutExecutionId() {
        return withoutExecutionId.get();
    }

    public int idempotencyKeyMismatches() {
        return idempotencyKeyMismatches.get();
    }

    /** When each call of {@code id} arrived (System.nanoTime), in order; empty if none did. */
    public List<Long> receivedAt(String id) {
        List<Long> times = receivedAt.get(id);
        return times == null ? List.of() : List.copyOf(times);
    }

    /** When the first call of {@code id} arrived (System.nanoTime), or null. */
    public Long firstReceivedAt(String id) {
        List<Long> times = receivedAt.get(id);
        return times == null || times.isEmpty() ? null : times.get(0);
    }

    /** Calls being served right now, and the most at once so far (an answer being written no longer counts). */
    public InFlightGauge calls() {
        return calls;
    }

    /** When the first call of {@code id} was answered (System.nanoTime), or null. */
    public Long firstAnsweredAt(String id) {
        return firstAnsweredAt.get(id);
    }

    /** Calls in flight at once: how many now, and the most seen; one gauge may count the calls of several targets. */
    public static final class InFlightGauge {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        void enter() {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        public int now() {
            return now.get();
        }

        public int peak() {
            return peak.get();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
