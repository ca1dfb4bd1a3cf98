package io.runwire.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runbooks' target: a loopback HTTP server that answers 200 after a random latency and remembers, per
 * {@code X-Runwire-Execution-Id}, how often it was called and whether two calls of one execution overlapped.
 */
public final class StandInTarget implements AutoCloseable {

    public static final String EXECUTION_HEADER = "X-Runwire-Execution-Id";
    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService workers;
    private final int latencyMinMs;
    private final int latencyMaxMs;

    private final Map<String, AtomicInteger> receptions = new ConcurrentHashMap<>();
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> firstAnsweredAt = new ConcurrentHashMap<>();
    private final Set<String> overlapping = ConcurrentHashMap.newKeySet();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger withoutExecutionId = new AtomicInteger();
    private final AtomicInteger idempotencyKeyMismatches = new AtomicInteger();
    private volatile Set<String> watched;

    private StandInTarget(int latencyMinMs, int latencyMaxMs, int threads) throws IOException {
        this.latencyMinMs = latencyMinMs;
        this.latencyMaxMs = latencyMaxMs;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        this.workers = Executors.newFixedThreadPool(threads);
        server.createContext("/", this::serve);
        server.setExecutor(workers);
    }

    public static StandInTarget start(int latencyMinMs, int latencyMaxMs, int threads) throws IOException {
        StandInTarget target = new StandInTarget(latencyMinMs, latencyMaxMs, threads);
        target.server.start();
        return target;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst(EXECUTION_HEADER);
        if (id == null || id.isBlank()) {
            withoutExecutionId.incrementAndGet();
            answer(exchange);
            return;
        }
        if (!id.equals(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
            idempotencyKeyMismatches.incrementAndGet();
        }
        receptions.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        if (inFlight.merge(id, 1, Integer::sum) > 1) {
            overlaps.incrementAndGet();
            overlapping.add(id);
        }
        Set<String> watching = watched;
        if (watching != null) {
            watching.add(id);
        }
        try {
            sleep(ThreadLocalRandom.current().nextInt(latencyMinMs, latencyMaxMs + 1));
            answer(exchange);
        } finally {
            inFlight.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
            firstAnsweredAt.putIfAbsent(id, System.nanoTime());
        }
    }

    private static void answer(HttpExchange exchange) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
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

    /** When the first call of {@code id} was answered (System.nanoTime), or null. */
    public Long firstAnsweredAt(String id) {
        return firstAnsweredAt.get(id);
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
