package io.runwire.runbook;

import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code runwire.executor.per-host-concurrency} calls to one target host (and port) at a time on this node, so
 * one slow or hanging target cannot hold every worker. The queue entry names the target's URL, so a full host is
 * known before the claim: the execution stays PENDING, untouched, and waits in this host's line here; when a call to
 * the host ends, the first in line is queued again. The database row is the truth: should this node die, the row's
 * queued_until runs out and any node's poller queues it.
 */
@Component("hostBulkhead")
public class HostBulkhead {

    private final int perHost;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    /** Per host, the executions in line, oldest first; each at most once, however often it was turned away. */
    private final Map<String, Map<String, String>> waiting = new ConcurrentHashMap<>();

    public HostBulkhead(@Value("${runwire.executor.concurrency}") int concurrency,
                        @Value("${runwire.executor.per-host-concurrency:0}") int perHostConcurrency) {
        this.perHost = perHostConcurrency > 0 ? perHostConcurrency : Math.max(1, concurrency / 4);
    }

    public int perHost() {
        return perHost;
    }

    /** Takes one of the host's places, if one is free. */
    public boolean tryEnter(String url) {
        return permits.computeIfAbsent(host(url), host -> new Semaphore(perHost)).tryAcquire();
    }

    /** The execution found its host full: first in line for the next free place (with the trace it belongs to). */
    public void waitFor(String url, String executionId, String traceParent) {
        Map<String, String> line = waiting.computeIfAbsent(host(url), host -> new LinkedHashMap<>());
        synchronized (line) {
            line.putIfAbsent(executionId, traceParent);
        }
    }

    /** Gives the place back; returns the execution waiting longest for this host, to queue now, or null. */
    public InLine leave(String url) {
        String host = host(url);
        Semaphore semaphore = permits.get(host);
        if (semaphore != null) {
            semaphore.release();
        }
        Map<String, String> line = waiting.get(host);
        if (line == null) {
            return null;
        }
        synchronized (line) {
            Iterator<Map.Entry<String, String>> first = line.entrySet().iterator();
            if (!first.hasNext()) {
                return null;
            }
            Map.Entry<String, String> next = first.next();
            first.remove();
            return new InLine(next.getKey(), next.getValue());
        }
    }

    /** An execution that waited in its host's line, and the trace it belongs to (null when not traced). */
    public record InLine(String executionId, String traceParent) {
    }

    /** Calls to {@code url}'s host running on this node now. */
    int inFlight(String url) {
        Semaphore semaphore = permits.get(host(url));
        return semaphore == null ? 0 : perHost - semaphore.availablePermits();
    }

    static String host(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI uri = URI.create(url.trim());
            String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
