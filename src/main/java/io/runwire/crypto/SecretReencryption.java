package io.runwire.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.db.StoredJson;
import io.runwire.runbook.RunbookExecutions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Re-encrypts every stored secret under the key that encrypts, each bound to its {@link SecretPlace}
 * (routes/encryption.yaml): page by page, the rows secrets-stale.sql finds (v1 ciphertexts, or v2 under an older key)
 * become the changes secrets-rewrite.sql writes. A secret that does not decrypt in its place is left as it is and
 * reported by place (ids only, never a value); once none is stale, the older keys can be removed.
 */
@Component("secretReencryption")
public class SecretReencryption {

    private static final Logger LOG = LoggerFactory.getLogger(SecretReencryption.class);
    private static final int REPORTED_PLACES = 20;
    private static final UUID FIRST = new UUID(0, 0);

    /** One run's progress: where the next page starts, and what it changed so far. */
    public static final class Job {
        private final String keyId;
        private final int pageSize;
        private String afterTable = "";
        private UUID afterId = FIRST;
        private boolean more = true;
        private long changed;
        private long unreadable;
        private final List<String> unreadablePlaces = new ArrayList<>();

        Job(String keyId, int pageSize) {
            this.keyId = keyId;
            this.pageSize = pageSize;
        }

        public String keyId() {
            return keyId;
        }

        public int pageSize() {
            return pageSize;
        }

        public String afterTable() {
            return afterTable;
        }

        public UUID afterId() {
            return afterId;
        }

        public boolean more() {
            return more;
        }
    }

    private final SecretCipher cipher;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;
    private final int pageSize;

    public SecretReencryption(SecretCipher cipher, StoredJson storedJson, ObjectMapper objectMapper,
                              @Value("${runwire.encryption.reencrypt-page-size:200}") int pageSize) {
        this.cipher = cipher;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
        this.pageSize = pageSize;
    }

    public Job start() {
        return new Job(cipher.currentKeyId(), pageSize);
    }

    /**
     * A page of secrets-stale.sql rows {table, id, owner, columns} as the changes of secrets-rewrite.sql (JSON text):
     * each row's columns as read and as re-encrypted; rows with nothing that decrypts are left out.
     */
    public String page(Job job, List<Map<String, Object>> rows) {
        ArrayNode changes = objectMapper.createArrayNode();
        for (Map<String, Object> row : rows) {
            String table = String.valueOf(row.get("table"));
            String id = String.valueOf(row.get("id"));
            JsonNode old = storedJson.read(row.get("columns"));
            ObjectNode columns = old.deepCopy();
            if (reencryptRow(job, table, id, String.valueOf(row.get("owner")), columns)) {
                changes.addObject().put("table", table).put("id", id).<ObjectNode>set("old", old).set("new", columns);
            }
            job.afterTable = table;
            job.afterId = UUID.fromString(id);
        }
        job.more = rows.size() >= job.pageSize;
        return changes.toString();
    }

    /** secrets-rewrite.sql's answer: how many of the page's rows it changed. */
    public void rewritten(Job job, Number changed) {
        job.changed += changed.longValue();
    }

    /** What the endpoint answers and the audit event records: counts, key id and places, never a secret. */
    public Map<String, Object> report(Job job) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("keyId", job.keyId);
        report.put("changed", job.changed);
        report.put("unreadable", job.unreadable);
        report.put("unreadablePlaces", List.copyOf(job.unreadablePlaces));
        return report;
    }

    /** Re-encrypts the stale secrets of one row's columns in place; true when one changed. */
    private boolean reencryptRow(Job job, String table, String id, String owner, ObjectNode columns) {
        return switch (table) {
            case "runbooks" -> reencrypt(job, columns, "webhook_auth", SecretPlace.runbookAuth(owner));
            case "connections" -> reencrypt(job, columns, "secret", SecretPlace.connectionSecret(owner));
            case "signing_secrets" -> reencrypt(job, columns, "secret", SecretPlace.signingSecret(owner));
            case "runbook_versions" -> reencrypt(job, object(columns, "definition"), "webhookAuth",
                    SecretPlace.runbookAuth(owner));
            // | rather than ||: both columns, whatever the first one did
            case "runbook_executions" -> reencrypt(job, object(columns, "definition_snapshot"), "webhookAuth",
                    SecretPlace.runbookAuth(owner))
                    | reencrypt(job, object(columns, "parameters"), RunbookExecutions.SECRETS,
                    SecretPlace.executionParameters(id));
            case "workflows", "workflow_versions" -> reencryptNodes(job, object(columns, "definition"), owner);
            case "workflow_executions" -> reencryptNodes(job, object(columns, "definition_snapshot"), owner);
            default -> throw new IllegalArgumentException("secrets-stale.sql names no table " + table);
        };
    }

    private boolean reencryptNodes(Job job, ObjectNode definition, String workflowId) {
        boolean changed = false;
        if (definition != null) {
            for (JsonNode node : definition.path("nodes")) {
                JsonNode data = node.path("data");
                if ("webhook".equals(data.path("actionType").asText()) && data.path("config").isObject()) {
                    changed |= reencrypt(job, (ObjectNode) data.get("config"), "auth",
                            SecretPlace.workflowNodeAuth(workflowId, node.path("id").asText()));
                }
            }
        }
        return changed;
    }

    private boolean reencrypt(Job job, ObjectNode holder, String field, SecretPlace place) {
        if (holder == null || !holder.path(field).isTextual() || cipher.isCurrent(holder.get(field).asText())) {
            return false;
        }
        try {
            holder.put(field, cipher.reencrypt(holder.get(field).asText(), place, place));
            return true;
        } catch (SecretCipherException unreadable) {
            job.unreadable++;
            if (job.unreadablePlaces.size() < REPORTED_PLACES) {
                job.unreadablePlaces.add(place.name());
            }
            LOG.warn("Re-encryption left a secret as it is: {}", unreadable.getMessage());
            return false;
        }
    }

    private static ObjectNode object(ObjectNode columns, String column) {
        return columns.get(column) instanceof ObjectNode value ? value : null;
    }
}
