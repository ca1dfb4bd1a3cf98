package io.runwire.audit;

import io.runwire.api.ApiRequest;
import io.runwire.api.Ids;
import io.runwire.db.SqlFiles;
import io.runwire.db.StoredJson;
import io.runwire.security.Principal;
import io.runwire.security.SecretMasker;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Appends security-relevant actions to {@code audit_events}: who, what, on which resource, from where. */
@Component("audit")
public class AuditService {

    public enum Severity { INFO, WARN, HIGH }

    /** One audit event; {@code userId} is null for what Runwire does on its own (an execution finishing). */
    public record AuditEntry(String action, UUID userId, UUID teamId, String resourceType, Object resourceId,
                             Map<String, ?> metadata, String ipAddress, String userAgent, Severity severity) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final StoredJson storedJson;

    public AuditService(NamedParameterJdbcTemplate jdbc, StoredJson storedJson) {
        this.jdbc = jdbc;
        this.storedJson = storedJson;
    }

    /** Records an action taken through the API by the exchange's caller. */
    public void record(Exchange exchange, String action, String resourceType, Object resourceId, Object teamId) {
        record(exchange, action, resourceType, resourceId, teamId, Map.of(), Severity.INFO);
    }

    public void record(Exchange exchange, String action, String resourceType, Object resourceId, Object teamId,
                       Map<String, ?> metadata, Severity severity) {
        append(entry(exchange, action, resourceType, resourceId, teamId, metadata, severity));
    }

    /**
     * An event as the named parameters of audit-insert.sql, secrets masked, for a statement that writes it together
     * with what it records (see runbook-execution-insert.sql).
     */
    public Map<String, Object> event(Exchange exchange, String action, String resourceType, Object resourceId,
                                     Object teamId, Map<String, ?> metadata, Severity severity) {
        return parameters(entry(exchange, action, resourceType, resourceId, teamId, metadata, severity));
    }

    public void append(AuditEntry entry) {
        jdbc.update(SqlFiles.load("audit-insert"), parameters(entry));
    }

    private static AuditEntry entry(Exchange exchange, String action, String resourceType, Object resourceId,
                                    Object teamId, Map<String, ?> metadata, Severity severity) {
        Principal principal = exchange.getProperty(ApiRequest.PRINCIPAL, Principal.class);
        return new AuditEntry(action, principal == null ? null : principal.userId(), Ids.parse(teamId), resourceType,
                resourceId, metadata, exchange.getProperty(ApiRequest.CLIENT_IP, String.class),
                exchange.getProperty(ApiRequest.USER_AGENT, String.class), severity);
    }

    private Map<String, Object> parameters(AuditEntry entry) {
        Map<String, Object> params = new HashMap<>();
        params.put("action", entry.action());
        params.put("userId", entry.userId());
        params.put("teamId", entry.teamId());
        params.put("resourceType", entry.resourceType());
        params.put("resourceId", entry.resourceId() == null ? null : entry.resourceId().toString());
        params.put("metadata", storedJson.write(SecretMasker.mask(entry.metadata() == null ? Map.of() : entry.metadata())));
        params.put("ipAddress", entry.ipAddress());
        params.put("userAgent", entry.userAgent());
        params.put("severity", (entry.severity() == null ? Severity.INFO : entry.severity()).name());
        return params;
    }
}
