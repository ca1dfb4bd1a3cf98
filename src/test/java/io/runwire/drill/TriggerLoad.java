package io.runwire.drill;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Sends {@code count} manual triggers from a few client threads, spread round-robin over the given APIs, at a steady
 * rate; a trigger that gets no 201 (the service is down, or answers something else) is sent again until it does.
 */
public final class TriggerLoad {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A Runwire API the triggers go to. */
    public record Endpoint(String name, String baseUrl) {
    }

    /** One trigger: where it finally got its 201, the execution id, and what it got before that. */
    public record Trigger(int index, Endpoint endpoint, String executionId, List<String> failures) {
        public boolean triggered() {
            return executionId != null;
        }
    }

    private final DrillApi api;
    private final DrillApi.Setup setup;
    private final List<Endpoint> endpoints;
    private final int threads;
    private final double perSecond;
    private final Duration givingUpAfter;
    private final Map<Integer, Trigger> done = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean stopped;

    /** {@code perSecond} 0 sends as fast as the threads can; a trigger still without 201 after {@code givingUpAfter} is given up. */
    public TriggerLoad(DrillApi api, DrillApi.Setup setup, List<Endpoint> endpoints, int threads, double perSecond,
                       Duration givingUpAfter) {
        this.api = api;
        this.setup = setup;
        this.endpoints = List.copyOf(endpoints);
        this.threads = threads;
        this.perSecond = perSecond;
        this.givingUpAfter = givingUpAfter;
    }

    public CompletableFuture<List<Trigger>> start(int count) {
        ExecutorService clients = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "drill-client");
            thread.setDaemon(true);
            return thread;
        });
        long startedAt = System.nanoTime();
        List<CompletableFuture<Void>> workers = IntStream.range(0, threads)
                .mapToObj(worker -> CompletableFuture.runAsync(() -> sendUntilDone(count, startedAt), clients))
                .toList();
        return CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> clients.shutdown())
                .thenApply(ignored -> IntStream.range(0, count).mapToObj(done::get).toList());
    }

    /** Stops sending: the triggers not yet answered 201 stay without an execution. */
    public void stop() {
        stopped = true;
    }

    /** Triggers answered 201 so far. */
    public int created() {
        return created.get();
    }

    private void sendUntilDone(int count, long startedAt) {
        for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
            if (stopped) {
                done.put(index, new Trigger(index, endpoints.get(index % endpoints.size()), null, List.of("not sent")));
                continue;
            }
            if (perSecond > 0) {
                waitUntil(startedAt + (long) (index * 1_000_000_000L / perSecond));
            }
            done.put(index, send(index));
        }
    }

    private Trigger send(int index) {
        Endpoint endpoint = endpoints.get(index % endpoints.size());
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + givingUpAfter.toNanos();
        while (System.nanoTime() < deadline && !stopped) {
            try {
                DrillApi.Answer answer = api.execute(endpoint.baseUrl(), setup);
                if (answer.status() == 201) {
                    created.incrementAndGet();
                    return new Trigger(index, endpoint, answer.body().at("/execution/id").asText(), failures);
                }
                String error = UUID_TEXT.matcher(answer.body().path("error").asText("")).replaceAll("{id}");
                failures.add("HTTP " + answer.status() + (error.isEmpty() ? "" : " " + error));
            } catch (IOException down) {
                failures.add(down.getClass().getSimpleName());
            }
            waitUntil(System.nanoTime() + RETRY_PAUSE.toNanos());
        }
        return new Trigger(index, endpoint, null, failures);
    }

    /** How often each kind of non-201 answer came back, over all triggers. */
    public static Map<String, Integer> failureKinds(Collection<Trigger> triggers) {
        Map<String, Integer> kinds = new TreeMap<>();
        triggers.forEach(trigger -> trigger.failures().forEach(kind -> kinds.merge(kind, 1, Integer::sum)));
        return kinds;
    }

    private static void waitUntil(long nanoTime) {
        long millis = (nanoTime - System.nanoTime()) / 1_000_000;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
