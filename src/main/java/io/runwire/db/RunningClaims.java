package io.runwire.db;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claimed rows this node is running right now, by claim token: only their leases are renewed, so a row taken over
 * by another runner (even on this node, after a lost lease) is never kept alive by the one it left. One per kind of
 * claimed work (see {@link RunningClaimsConfiguration}).
 */
public class RunningClaims {

    private static final Logger LOG = LoggerFactory.getLogger(RunningClaims.class);

    private final String what;
    private final Map<String, String> tokensById = new ConcurrentHashMap<>();

    public RunningClaims(String what) {
        this.what = what;
    }

    public void started(String id, String claimToken) {
        tokensById.put(id, claimToken);
    }

    /** Only this runner's entry goes: after a lost lease the same row may already run again under a new token. */
    public void finished(String id, String claimToken) {
        tokensById.remove(id, claimToken);
    }

    public boolean isEmpty() {
        return tokensById.isEmpty();
    }

    /** The claim tokens as a PostgreSQL array literal, for the renew-leases statements. */
    public String claimTokens() {
        return tokensById.values().stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** {@code renewed}: rows of a renew-leases statement; a token missing from them has lost its claim. */
    public void renewed(List<Map<String, Object>> renewed, String asked) {
        Set<String> kept = renewed.stream().map(row -> String.valueOf(row.get("claimToken"))).collect(Collectors.toSet());
        tokensById.forEach((id, token) -> {
            if (asked.contains(token) && !kept.contains(token)) {
                LOG.warn("{} {} is no longer held by this runner (its lease expired and it was taken over, or it was "
                        + "cancelled); what this runner gets back will not be recorded", what, id);
            }
        });
    }
}
