package io.runwire.runbook;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code runwire.executor.per-host-concurrency} calls to one target host (and port) at a time on this node, so
 * one slow or hanging target cannot hold every worker. An execution that finds its host full does not wait on a
 * thread: it goes back to the database for a moment (see runbook-execution-defer.sql).
 */
@Component("hostBulkhead")
public class HostBulkhead {

    private final int perHost;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

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

    public void leave(String url) {
        Semaphore semaphore = permits.get(host(url));
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /** Calls to {@code url}'s host running on this node now. */
    public int inFlight(String url) {
        Semaphore semaphore = permits.get(host(url));
        return semaphore == null ? 0 : perHost - semaphore.availablePermits();
    }

    static String host(String url) {
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
