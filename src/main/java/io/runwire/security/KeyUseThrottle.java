package io.runwire.security;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a key's last use is worth writing: at most once per interval per key on this node, so the request path only
 * reads. The database statement is conditional too, so more nodes still write about once an interval per key.
 */
public final class KeyUseThrottle {

    private final long intervalMillis;
    private final Map<UUID, Long> lastWritten = new ConcurrentHashMap<>();

    public KeyUseThrottle(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Whether the caller should write {@code keyId}'s use now; only one of any number of callers at once is told so. */
    public boolean claim(UUID keyId, long nowMillis) {
        boolean[] due = {false};
        lastWritten.compute(keyId, (id, last) -> {
            if (last == null || nowMillis - last >= intervalMillis) {
                due[0] = true;
                return nowMillis;
            }
            return last;
        });
        return due[0];
    }

    /** The write did not happen: the next use tries again. */
    public void release(UUID keyId, long claimedAtMillis) {
        lastWritten.remove(keyId, claimedAtMillis);
    }
}
