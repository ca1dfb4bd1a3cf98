package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.ValidationMessage;
import io.runwire.api.Ids;
import io.runwire.http.TargetRules;
import io.runwire.http.WebhookAuth;
import io.runwire.schema.JsonSchemas;
import io.runwire.schema.SchemaErrors;
import io.runwire.workflow.WorkflowDefinition.Edge;
import io.runwire.workflow.WorkflowDefinition.Node;
import io.runwire.workflow.WorkflowDefinition.NodeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a workflow graph, and its walk. {@link #problems} checks a definition before it is saved — one
 * sentence per problem, naming the node or edge: the definition's shape, each node's data for its type, exactly one
 * trigger node, edges between existing nodes, a {@code "true"}/{@code "false"} handle on exactly the edges out of a
 * condition, no cycle, each action's config for its actionType. {@link #of} wraps a checked definition for the engine:
 * the trigger, and the nodes after a node — for a condition, only those on the branch it took.
 */
public final class WorkflowGraph {

    /**
     * What checking needs from outside the graph: the Velocity syntax check ({@code TemplateSyntax::check}), the
     * secret (writeOnly) parameter paths of a runbook — empty when no such runbook exists (or it is deleted) — and
     * whether an unknown actionType is kept (import) or refused (create, replace).
     */
    public record SaveChecks(Function<String, Optional<String>> templateSyntax,
                             Function<UUID, Optional<Set<String>>> runbookSecretParameters,
                             boolean unknownActionTypesAllowed) {
    }

    /** A webhook url: scheme, authority (written out, never templated), then the path and query. */
    static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)$", Pattern.DOTALL);

    private final WorkflowDefinition definition;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<Edge>> outgoing = new LinkedHashMap<>();
    private final Map<String, List<Edge>> incoming = new LinkedHashMap<>();

    private WorkflowGraph(WorkflowDefinition definition) {
        this.definition = definition;
        definition.nodes().forEach(node -> nodes.putIfAbsent(node.id(), node));
        for (Edge edge : definition.edges()) {
            outgoing.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge);
            incoming.computeIfAbsent(edge.target(), id -> new ArrayList<>()).add(edge);
        }
    }

    public static WorkflowGraph of(WorkflowDefinition definition) {
        return new WorkflowGraph(definition);
    }

    public WorkflowDefinition definition() {
        return definition;
    }

    /** Where every run starts. */
    public Node trigger() {
        return nodes.values().stream().filter(node -> node.type() == NodeType.TRIGGER).findFirst()
                .orElseThrow(() -> new IllegalStateException("The workflow has no trigger node"));
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** The nodes the edges out of {@code nodeId} lead to, in the edges' order, each once. Not for a condition. */
    public List<Node> successors(String nodeId) {
        if (require(nodeId).type() == NodeType.CONDITION) {
            throw new IllegalArgumentException("Condition " + nodeId + " goes on along one branch: pass its outcome");
        }
        return targets(outgoing.getOrDefault(nodeId, List.of()));
    }

    /** The nodes on the {@code outcome} branch of condition {@code nodeId}: only its edges with that sourceHandle. */
    public List<Node> successors(String nodeId, boolean outcome) {
        if (require(nodeId).type() != NodeType.CONDITION) {
            throw new IllegalArgumentException("Node " + nodeId + " is no condition; it has no branches");
        }
        return targets(outgoing.getOrDefault(nodeId, List.of()).stream()
                .filter(edge -> Boolean.valueOf(outcome).equals(edge.branch())).toList());
    }

    /** The nodes with an edge into {@code nodeId}, each once. */
    public List<Node> predecessors(String nodeId) {
        require(nodeId);
        Set<Node> sources = new LinkedHashSet<>();
        incoming.getOrDefault(nodeId, List.of()).forEach(edge -> node(edge.source()).ifPresent(sources::add));
        return List.copyOf(sources);
    }

    private Node require(String nodeId) {
        return node(nodeId).orElseThrow(() -> new IllegalArgumentException("No node " + nodeId));
    }

    private List<Node> targets(Collection<Edge> edges) {
        Set<Node> targets = new LinkedHashSet<>();
        edges.forEach(edge -> node(edge.target()).ifPresent(targets::add));
        return List.copyOf(targets);
    }

    /** Every problem of {@code definition} (a request's JSON), or none when it may be saved. */
    public static List<String> problems(JsonNode definition, SaveChecks checks) {
        Set<ValidationMessage> errors = JsonSchemas.classpath("api/workflow-definition").validate(definition);
        if (!errors.isEmpty()) {
            return under("definition", SchemaErrors.describe(errors, "definition"));
        }
        List<String> problems = new ArrayList<>();
        structure(definition, problems);
        trigger(definition.get("trigger"), problems);
        for (JsonNode node : definition.get("nodes")) {
            String id = node.get("id").asText();
            JsonNode data = node.hasNonNull("data") ? node.get("data") : JsonNodeFactory.instance.objectNode();
            nodeData(NodeType.of(node.get("type").asText()), data, checks)
                    .forEach(problem -> problems.add("node " + id + ": " + problem));
        }
        return problems;
    }

    /** One trigger node, unique ids, edges between nodes, handles on the edges out of conditions only, no cycle. */
    private static void structure(JsonNode definition, List<String> problems) {
        Map<String, NodeType> types = new LinkedHashMap<>();
        List<String> triggers = new ArrayList<>();
        for (JsonNode node : definition.get("nodes")) {
            String id = node.get("id").asText();
            NodeType type = NodeType.of(node.get("type").asText());
            if (types.putIfAbsent(id, type) != null) {
                problems.add("node " + id + ": another node has the same id");
            } else if (type == NodeType.TRIGGER) {
                triggers.add(id);
            }
        }
        if (triggers.isEmpty()) {
            problems.add("nodes: a workflow needs exactly one trigger node, and there is none");
        } else if (triggers.size() > 1) {
            problems.add("nodes: a workflow needs exactly one trigger node, and there are " + triggers.size() + " ("
                    + String.join(", ", triggers) + ")");
        }

        Set<String> edgeIds = new LinkedHashSet<>();
        Map<String, List<String>> next = new LinkedHashMap<>();
        JsonNode edges = definition.path("edges");
        for (JsonNode edge : edges.isArray() ? edges : JsonNodeFactory.instance.arrayNode()) {
            String id = edge.get("id").asText();
            String source = edge.get("source").asText();
            String target = edge.get("target").asText();
            String handle = edge.path("sourceHandle").asText(null);
            String where = "edge " + id + ": ";
            if (!edgeIds.add(id)) {
                problems.add(where + "another edge has the same id");
            }
            boolean ends = true;
            if (!types.containsKey(source)) {
                problems.add(where + "its source " + source + " is not a node of this workflow");
                ends = false;
            }
            if (!types.containsKey(target)) {
                problems.add(where + "its target " + target + " is not a node of this workflow");
                ends = false;
            } else if (types.get(target) == NodeType.TRIGGER) {
                problems.add(where + "leads into the trigger node " + target + "; a run starts there, nothing leads to it");
            }
            if (types.get(source) == NodeType.CONDITION && handle == null) {
                problems.add(where + "leaves condition " + source
                        + " without a sourceHandle; an edge out of a condition is its 'true' or its 'false' branch");
            } else if (types.containsKey(source) && types.get(source) != NodeType.CONDITION && handle != null) {
                problems.add(where + "has sourceHandle '" + handle + "', but " + source + " is a "
                        + types.get(source).json() + " node; only edges out of a condition carry one");
            }
            if (ends) {
                next.computeIfAbsent(source, key -> new ArrayList<>()).add(target);
            }
        }
        cycles(types.keySet(), next, problems);
    }

    /** One problem per cycle found by a depth-first walk, naming its nodes in order. */
    private static void cycles(Set<String> ids, Map<String, List<String>> next, List<String> problems) {
        Map<String, Integer> state = new LinkedHashMap<>();  // absent: unvisited, 1: on the path, 2: done
        for (String id : ids) {
            if (!state.containsKey(id)) {
                walk(id, next, state, new ArrayList<>(), problems);
            }
        }
    }

    private static void walk(String id, Map<String, List<String>> next, Map<String, Integer> state, List<String> path,
                             List<String> problems) {
        state.put(id, 1);
        path.add(id);
        for (String target : next.getOrDefault(id, List.of())) {
            Integer seen = state.get(target);
            if (seen == null) {
                walk(target, next, state, path, problems);
            } else if (seen == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(target), path.size()));
                cycle.add(target);
                problems.add("nodes: " + String.join(" -> ", cycle)
                        + " is a cycle; a workflow's edges must never lead back to a node already passed");
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
    }

    /** The rules between the trigger's fields that a schema says poorly. */
    private static void trigger(JsonNode trigger, List<String> problems) {
        String type = trigger.get("type").asText();
        String where = "definition.trigger.";
        boolean age = type.equals("age");
        if (age && !trigger.hasNonNull("ageThresholdMinutes")) {
            problems.add(where + "ageThresholdMinutes: is required for an age trigger");
        } else if (!age && trigger.hasNonNull("ageThresholdMinutes")) {
            problems.add(where + "ageThresholdMinutes: only applies to an age trigger");
        }
        JsonNode transition = trigger.path("stateTransition");
        if (transition.isObject() && !type.equals("state_changed")) {
            problems.add(where + "stateTransition: only applies to a state_changed trigger");
        } else if (transition.hasNonNull("from") && transition.path("from").equals(transition.path("to"))) {
            problems.add(where + "stateTransition: from and to are the same status, and no change goes from a "
                    + "status to itself");
        }
        JsonNode conditions = trigger.path("conditions");
        for (int i = 0; conditions.isArray() && i < conditions.size(); i++) {
            inOperand(conditions.get(i), where + "conditions[" + i + "].value", problems);
        }
    }

    /** The problems of one node's data, each as {@code data.<path>: <problem>}. */
    private static List<String> nodeData(NodeType type, JsonNode data, SaveChecks checks) {
        List<String> problems = new ArrayList<>(schemaProblems("workflow-node/" + type.json(), data, "data"));
        if (!problems.isEmpty()) {
            return problems;
        }
        if (type == NodeType.CONDITION) {
            inOperand(data, "data.value", problems);
        } else if (type == NodeType.ACTION) {
            action(data, checks, problems);
        }
        return problems;
    }

    private static void inOperand(JsonNode condition, String where, List<String> problems) {
        JsonNode value = condition.path("value");
        if (condition.path("operator").asText().equals("in") && !(value.isArray() || value.isTextual())) {
            problems.add(where + ": must be a list (or a text of comma-separated items) for operator in");
        }
    }

    private static void action(JsonNode data, SaveChecks checks, List<String> problems) {
        String actionType = data.get("actionType").asText();
        JsonNode config = data.get("config");
        if (ActionData.type(actionType) == null) {
            if (!checks.unknownActionTypesAllowed()) {
                problems.add("data.actionType: '" + actionType + "' is not an actionType Runwire runs (known: "
                        + String.join(", ", ActionData.KNOWN) + ")");
            }
            return;
        }
        problems.addAll(schemaProblems("workflow-action/" + actionType, config, "data.config"));
        if (!problems.isEmpty()) {
            return;
        }
        switch (actionType) {
            case "webhook" -> webhook(config, checks, problems);
            case "jira" -> templates(config, List.of("summary", "description"), checks, problems);
            case "linear" -> templates(config, List.of("title", "description"), checks, problems);
            case "runbook" -> runbook(config, checks, problems);
            default -> throw new IllegalStateException("No rules for actionType " + actionType);
        }
    }

    private static void webhook(JsonNode config, SaveChecks checks, List<String> problems) {
        String url = config.get("url").asText().trim();
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            problems.add("data.config.url: must be an absolute http or https URL");
        } else if (parts.group(2).contains("$") || parts.group(2).contains("#")) {
            problems.add("data.config.url: its host must be written out; only the path and query may be templated");
        } else {
            TargetRules.httpUrl(parts.group(1) + parts.group(2) + "/", "data.config.url", "data.config.auth", problems);
        }
        templates(config, List.of("url", "body"), checks, problems);
        TargetRules.headers(config.get("headers"), "data.config.headers", "data.config.auth", problems)
                .fields().forEachRemaining(header -> checks.templateSyntax().apply(header.getValue().asText())
                        .ifPresent(error -> problems.add("data.config.headers." + header.getKey() + ": " + error)));
        problems.addAll(WebhookAuth.check(config.get("auth"), "data.config.auth"));
    }

    private static void runbook(JsonNode config, SaveChecks checks, List<String> problems) {
        UUID runbookId = Ids.parse(config.get("runbookId").asText());
        Optional<Set<String>> secrets = checks.runbookSecretParameters().apply(runbookId);
        if (secrets.isEmpty()) {
            problems.add("data.config.runbookId: runbook " + runbookId + " does not exist");
            return;
        }
        JsonNode parameters = config.path("parameters");
        for (String secret : secrets.get()) {
            if (!parameters.at("/" + secret.replace(".", "/")).isMissingNode()) {
                problems.add("data.config.parameters." + secret + ": is a secret (writeOnly) parameter of the "
                        + "runbook; a workflow does not store secrets for a runbook, so it cannot pass one");
            }
        }
    }

    private static void templates(JsonNode config, List<String> fields, SaveChecks checks, List<String> problems) {
        for (String field : fields) {
            if (config.hasNonNull(field)) {
                checks.templateSyntax().apply(config.get(field).asText())
                        .ifPresent(error -> problems.add("data.config." + field + ": " + error));
            }
        }
    }

    private static List<String> schemaProblems(String schema, JsonNode value, String root) {
        return under(root, SchemaErrors.describe(JsonSchemas.classpath("api/" + schema).validate(value), root));
    }

    /** Schema problems of a part of the document, named from the document's root. */
    private static List<String> under(String root, List<String> problems) {
        return problems.stream()
                .map(problem -> problem.startsWith(root + ":") || problem.startsWith(root + ".") ? problem
                        : root + "." + problem)
                .toList();
    }
}
