package io.runwire.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.runwire.api.ApiException;
import io.runwire.api.Ids;
import io.runwire.api.RequestBodies;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import io.runwire.http.TargetCredentials;
import io.runwire.runbook.ParameterValidator;
import io.runwire.security.SecretMasker;
import io.runwire.template.TemplateSyntax;
import io.runwire.workflow.WorkflowDefinition.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Workflow definitions as the API takes and shows them. A request is checked by {@link WorkflowGraph} and stored with
 * each webhook action's auth encrypted; a stored one is shown with those secrets as {@code "****"} — in responses,
 * versions, exports and audit events alike.
 *
 * <p>An unknown actionType: creating or replacing a workflow refuses it (400), but an import keeps it, so a
 * definition exported by a newer Runwire (or holding a retired actionType) still comes in; the engine fails that
 * node when it runs ({@link UnknownAction#error()}). Restoring a version (rollback) and duplicating take a stored
 * definition as it is: it was checked when it was saved, and a runbook it names is checked again when it runs.
 */
@Component("workflowDefinitions")
public class WorkflowDefinitions {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** How a definition comes in: what an unknown actionType does, and the change note when none is given. */
    public enum SaveMode {
        CREATE(false, null), REPLACE(false, null), IMPORT(true, "Imported");

        final boolean keepsUnknownActionTypes;
        final String defaultChangeNote;

        SaveMode(boolean keepsUnknownActionTypes, String defaultChangeNote) {
            this.keepsUnknownActionTypes = keepsUnknownActionTypes;
            this.defaultChangeNote = defaultChangeNote;
        }
    }

    private final RequestBodies requestBodies;
    private final TemplateSyntax templateSyntax;
    private final ParameterValidator parameterValidator;
    private final TargetCredentials credentials;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;

    public WorkflowDefinitions(RequestBodies requestBodies, TemplateSyntax templateSyntax,
                               ParameterValidator parameterValidator, TargetCredentials credentials,
                               StoredJson storedJson, ObjectMapper objectMapper) {
        this.requestBodies = requestBodies;
        this.templateSyntax = templateSyntax;
        this.parameterValidator = parameterValidator;
        this.credentials = credentials;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
    }

    /** A stored definition (a {@code definition} jsonb column) for the engine: webhook auth still encrypted. */
    public WorkflowDefinition read(Object stored) {
        return WorkflowDefinition.from(storedJson.read(stored), objectMapper);
    }

    /** A create, replace or import body, once its shape is right (else 400 naming each field). */
    public Map<String, Object> request(Object body) {
        return objectMapper.convertValue(requestBodies.validate("workflow", body), OBJECT);
    }

    /** The runbooks the request's runbook actions name, comma-separated, for workflow-runbooks.sql. */
    public String runbookIds(Map<String, Object> request) {
        Set<String> ids = new LinkedHashSet<>();
        objectMapper.valueToTree(request.get("definition")).path("nodes").forEach(node -> {
            JsonNode data = node.path("data");
            UUID id = Ids.parse(data.path("config").path("runbookId").asText(null));
            if ("runbook".equals(data.path("actionType").asText()) && id != null) {
                ids.add(id.toString());
            }
        });
        return String.join(",", ids);
    }

    /**
     * A request as the named parameters of workflow-insert.sql / workflow-update.sql: definition checked (400
     * {@code Invalid workflow definition}, one detail per problem), auth encrypted for the workflow
     * {@code workflowId}. {@code stored} is the workflow being replaced, or null (then {@code workflowId} is the id the
     * new row gets); {@code runbooks} the rows of workflow-runbooks.sql.
     */
    public Map<String, Object> prepare(Map<String, Object> request, Map<String, Object> stored,
                                       List<Map<String, Object>> runbooks, SaveMode mode, Object workflowId) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> prepared = new LinkedHashMap<>();
        prepared.put("teamId", teamId(request, stored, problems));
        prepared.put("name", request.get("name").toString().trim());
        prepared.put("description", request.get("description"));
        prepared.put("enabled", request.get("enabled") != null ? request.get("enabled")
                : stored != null && Boolean.TRUE.equals(stored.get("enabled")));
        prepared.put("changeNote", request.get("changeNote") != null ? request.get("changeNote") : mode.defaultChangeNote);

        JsonNode definition = objectMapper.valueToTree(request.get("definition"));
        problems.addAll(WorkflowGraph.problems(definition, new WorkflowGraph.SaveChecks(
                templateSyntax::check, secretParameters(runbooks), mode.keepsUnknownActionTypes)));
        if (problems.isEmpty()) {
            Map<String, String> storedAuth = stored == null ? Map.of() : authByNode(read(stored.get("definition")));
            WorkflowDefinition encrypted = withWebhooks(WorkflowDefinition.from(definition, objectMapper),
                    (node, webhook) -> {
                        String ciphertext = credentials.encrypt(webhook.auth(), storedAuth.get(node.id()),
                                SecretPlace.workflowNodeAuth(workflowId, node.id()),
                                "node " + node.id() + ": data.config.auth", problems);
                        return webhook.withAuth(ciphertext == null ? null : TextNode.valueOf(ciphertext));
                    });
            prepared.put("definition", storedJson.write(encrypted));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid workflow definition", problems);
        }
        return prepared;
    }

    /**
     * A copy of a stored workflow for workflow-insert.sql: same team, disabled, its credentials encrypted anew for
     * the copy {@code copyId} — a copy is another workflow, so its secrets are bound to it, not to the original.
     */
    public Map<String, Object> duplicate(Map<String, Object> workflow, Object body, Object copyId) {
        Map<String, Object> request = requestBodies.read("workflow-duplicate", body == null ? Map.of() : body);
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("teamId", workflow.get("teamId"));
        copy.put("name", request.get("name") != null ? request.get("name").toString().trim()
                : workflow.get("name") + " (copy)");
        copy.put("description", workflow.get("description"));
        copy.put("enabled", false);
        copy.put("changeNote", "Duplicated from workflow " + workflow.get("id") + " version " + workflow.get("version"));
        copy.put("definition", storedJson.write(withWebhooks(read(workflow.get("definition")),
                (node, webhook) -> webhook.authCiphertext() == null ? webhook
                        : webhook.withAuth(TextNode.valueOf(credentials.reencrypt(webhook.authCiphertext(),
                                SecretPlace.workflowNodeAuth(workflow.get("id"), node.id()),
                                SecretPlace.workflowNodeAuth(copyId, node.id())))))));
        return copy;
    }

    /**
     * An earlier version's definition as the named parameters of workflow-update.sql: the workflow's next version.
     * Its credentials stay as they are: a version's copy is bound to the same workflow and node as the original.
     */
    public Map<String, Object> rollback(Map<String, Object> workflow, Map<String, Object> version,
                                        Map<String, Object> request) {
        Object number = version.get("version");
        if (Objects.equals(String.valueOf(number), String.valueOf(workflow.get("version")))) {
            throw ApiException.conflict("Version " + number + " is the current version; there is nothing to roll back");
        }
        Map<String, Object> restored = new LinkedHashMap<>();
        restored.put("name", workflow.get("name"));
        restored.put("description", workflow.get("description"));
        restored.put("enabled", workflow.get("enabled"));
        restored.put("definition", storedJson.write(read(version.get("definition"))));
        restored.put("changeNote", request.get("changeNote") != null ? request.get("changeNote")
                : "Rolled back to version " + number);
        return restored;
    }

    /** {@code ?enabled=}: true, false, or not given. */
    public Boolean enabledFilter(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return switch (value.toString().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Invalid query parameter", List.of("enabled: must be true or false"));
        };
    }

    /** A row of workflow_view (or workflow_version_view) as the API shows it: its definition's secrets masked. */
    public Map<String, Object> present(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        Object workflowId = row.containsKey("workflowId") ? row.get("workflowId") : row.get("id");
        shown.put("definition", masked(row.get("definition"), workflowId));
        return shown;
    }

    public List<Map<String, Object>> presentAll(List<Map<String, Object>> rows) {
        return rows.stream().map(this::present).toList();
    }

    /** What import takes back: the workflow's fields and masked definition, a new workflow's body as it stands. */
    public Map<String, Object> export(Map<String, Object> workflow) {
        Map<String, Object> exported = new LinkedHashMap<>();
        exported.put("name", workflow.get("name"));
        exported.put("description", workflow.get("description"));
        exported.put("teamId", workflow.get("teamId"));
        exported.put("enabled", workflow.get("enabled"));
        exported.put("definition", masked(workflow.get("definition"), workflow.get("id")));
        return exported;
    }

    /** An audit event's metadata: the workflow as shown (secrets masked) and why it changed. */
    public Map<String, Object> auditMetadata(Map<String, Object> shown, Object changeNote) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", shown.get("name"));
        metadata.put("version", shown.get("version"));
        metadata.put("enabled", shown.get("enabled"));
        metadata.put("changeNote", changeNote);
        metadata.put("definition", shown.get("definition"));
        return metadata;
    }

    private JsonNode masked(Object stored, Object workflowId) {
        JsonNode json = storedJson.read(stored);
        WorkflowDefinition definition;
        try {
            definition = WorkflowDefinition.from(json, objectMapper);
        } catch (IllegalArgumentException unreadable) {
            // written around the API (by hand, or by an older Runwire): shown, but never with a secret-looking value
            return objectMapper.valueToTree(SecretMasker.mask(objectMapper.convertValue(json, Object.class)));
        }
        List<Node> nodes = definition.nodes().stream().map(node -> {
            if (node.data() instanceof NodeData.Action action && action.config() instanceof UnknownAction unknown) {
                JsonNode config = objectMapper.valueToTree(
                        SecretMasker.mask(objectMapper.convertValue(unknown.config(), Object.class)));
                return withConfig(node, action, new UnknownAction(unknown.actionType(), config));
            }
            return node;
        }).toList();
        return objectMapper.valueToTree(withWebhooks(
                new WorkflowDefinition(nodes, definition.edges(), definition.trigger(), definition.settings()),
                (node, webhook) -> webhook.withAuth(credentials.masked(webhook.authCiphertext(),
                        SecretPlace.workflowNodeAuth(workflowId, node.id())))));
    }

    /** Webhook auth ciphertexts of a stored definition by node id: what {@code "****"} in a replacement keeps. */
    private static Map<String, String> authByNode(WorkflowDefinition definition) {
        Map<String, String> auth = new LinkedHashMap<>();
        definition.nodes().forEach(node -> {
            if (node.data() instanceof NodeData.Action action && action.config() instanceof WebhookAction webhook
                    && webhook.authCiphertext() != null) {
                auth.put(node.id(), webhook.authCiphertext());
            }
        });
        return auth;
    }

    private interface WebhookChange {
        WebhookAction apply(Node node, WebhookAction webhook);
    }

    private static WorkflowDefinition withWebhooks(WorkflowDefinition definition, WebhookChange change) {
        List<Node> nodes = definition.nodes().stream().map(node -> {
            if (node.data() instanceof NodeData.Action action && action.config() instanceof WebhookAction webhook) {
                return withConfig(node, action, change.apply(node, webhook));
            }
            return node;
        }).toList();
        return new WorkflowDefinition(nodes, definition.edges(), definition.trigger(), definition.settings());
    }

    private static Node withConfig(Node node, NodeData.Action action, ActionData config) {
        return new Node(node.id(), node.type(), node.position(), new NodeData.Action(action.actionType(),
                action.name(), config, action.retry(), action.continueOnError(), action.label()));
    }

    private Function<UUID, Optional<Set<String>>> secretParameters(List<Map<String, Object>> runbooks) {
        Map<UUID, JsonNode> schemas = new LinkedHashMap<>();
        if (runbooks != null) {
            runbooks.forEach(row -> schemas.put(Ids.parse(row.get("id")), storedJson.read(row.get("parameters"))));
        }
        return id -> Optional.ofNullable(schemas.get(id)).map(parameterValidator::secretPaths);
    }

    private UUID teamId(Map<String, Object> request, Map<String, Object> stored, List<String> problems) {
        UUID requested = Ids.parse(request.get("teamId"));
        if (stored == null) {
            return requested;
        }
        UUID current = Ids.parse(stored.get("teamId"));
        if (request.containsKey("teamId") && !Objects.equals(requested, current)) {
            problems.add("teamId: cannot be changed; create the workflow in the other team instead");
        }
        return current;
    }
}
