package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runwire.template.TemplateSyntax;
import io.runwire.workflow.WorkflowDefinition.Node;
import io.runwire.workflow.WorkflowGraph.SaveChecks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The save-time rules of a workflow graph and the walk the engine takes through it — no Spring. */
class WorkflowGraphTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateSyntax TEMPLATES = new TemplateSyntax();
    private static final UUID RUNBOOK = UUID.randomUUID();
    private static final UUID SECRET_RUNBOOK = UUID.randomUUID();

    private static SaveChecks checks(boolean unknownActionTypesAllowed) {
        return new SaveChecks(TEMPLATES::check, id -> RUNBOOK.equals(id) ? Optional.of(Set.of())
                : SECRET_RUNBOOK.equals(id) ? Optional.of(Set.of("apiToken", "target.password")) : Optional.empty(),
                unknownActionTypesAllowed);
    }

    private static final SaveChecks SAVE = checks(false);
    private static final SaveChecks IMPORT = checks(true);

    /** Trigger -> condition (priority equals CRITICAL): true -> runbook, false -> delay -> webhook. */
    private static ObjectNode branching() {
        return json("""
                {"nodes": [
                   {"id": "t", "type": "trigger", "position": {"x": 0, "y": 0}, "data": {"label": "On create"}},
                   {"id": "c", "type": "condition", "position": {"x": 0, "y": 100},
                    "data": {"field": "priority", "operator": "equals", "value": "CRITICAL", "label": "Critical?"}},
                   {"id": "rb", "type": "action", "position": {"x": -100, "y": 200},
                    "data": {"actionType": "runbook", "name": "Restart", "config": {"runbookId": "%s", "parameters": {"service": "checkout"}}}},
                   {"id": "d", "type": "delay", "position": {"x": 100, "y": 200}, "data": {"durationSeconds": 3}},
                   {"id": "wh", "type": "action", "position": {"x": 100, "y": 300},
                    "data": {"actionType": "webhook", "name": "Notify",
                             "config": {"url": "https://hooks.example.com/incidents/$incident.id", "method": "POST",
                                        "headers": {"X-Source": "runwire $incident.priority"},
                                        "body": "{\\"title\\": $fn.json($incident.title)}",
                                        "auth": {"type": "bearer", "token": "s3cret"}},
                             "retry": {"attempts": 2, "backoff": "exponential", "initialDelayMs": 100},
                             "continueOnError": true}}
                 ],
                 "edges": [
                   {"id": "e1", "source": "t", "target": "c"},
                   {"id": "e2", "source": "c", "target": "rb", "sourceHandle": "true"},
                   {"id": "e3", "source": "c", "target": "d", "sourceHandle": "false"},
                   {"id": "e4", "source": "d", "target": "wh"}
                 ],
                 "trigger": {"type": "incident_created", "conditions": [{"field": "service", "operator": "exists"}]},
                 "settings": {"timeout": "1min"}}""".formatted(RUNBOOK));
    }

    @Test
    void aWellFormedBranchingWorkflowHasNoProblems() {
        assertThat(WorkflowGraph.problems(branching(), SAVE)).isEmpty();
    }

    @Test
    void jiraAndLinearActionsWithTheirRequiredFieldsPass() {
        ObjectNode definition = branching();
        addAction(definition, "jira", "jira", """
                {"projectKey": "OPS", "issueType": "Incident", "summary": "$incident.title", "description": "Seen on $incident.service",
                 "labels": ["runwire"], "priorityMapping": {"CRITICAL": "Highest"}}""");
        addAction(definition, "linear", "linear", """
                {"teamId": "team-1", "title": "$incident.title", "description": "**$incident.priority**", "priority": 1}""");

        assertThat(WorkflowGraph.problems(definition, SAVE)).isEmpty();
    }

    @Test
    void aCycleIsRefusedNamingItsNodes() {
        ObjectNode definition = branching();
        edges(definition).add(edge("back", "wh", "d", null));

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "nodes: d -> wh -> d is a cycle; a workflow's edges must never lead back to a node already passed");
    }

    @Test
    void aSelfLoopIsACycle() {
        ObjectNode definition = branching();
        edges(definition).add(edge("self", "d", "d", null));

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "nodes: d -> d is a cycle; a workflow's edges must never lead back to a node already passed");
    }

    @Test
    void twoTriggerNodesAreRefused() {
        ObjectNode definition = branching();
        nodes(definition).add(json("""
                {"id": "t2", "type": "trigger", "position": {"x": 0, "y": 0}, "data": {}}"""));

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "nodes: a workflow needs exactly one trigger node, and there are 2 (t, t2)");
    }

    @Test
    void aWorkflowWithoutATriggerNodeIsRefused() {
        ObjectNode definition = json("""
                {"nodes": [{"id": "d", "type": "delay", "data": {"durationSeconds": 5}}], "edges": [],
                 "trigger": {"type": "manual"}}""");

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "nodes: a workflow needs exactly one trigger node, and there is none");
    }

    @Test
    void aDanglingEdgeIsRefused() {
        ObjectNode definition = branching();
        edges(definition).add(edge("e9", "wh", "nowhere", null));
        edges(definition).add(edge("e10", "ghost", "d", null));

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "edge e9: its target nowhere is not a node of this workflow",
                "edge e10: its source ghost is not a node of this workflow");
    }

    @Test
    void anEdgeOutOfAConditionWithoutAHandleIsRefused() {
        ObjectNode definition = branching();
        ((ObjectNode) edges(definition).get(1)).remove("sourceHandle");

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "edge e2: leaves condition c without a sourceHandle; an edge out of a condition is its 'true' or its 'false' branch");
    }

    @Test
    void onlyEdgesOutOfAConditionCarryAHandle() {
        ObjectNode definition = branching();
        ((ObjectNode) edges(definition).get(3)).put("sourceHandle", "true");
        ((ObjectNode) edges(definition).get(2)).put("sourceHandle", "maybe");

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "definition.edges.2.sourceHandle: does not have a value in the enumeration [\"true\", \"false\", null]");
        ((ObjectNode) edges(definition).get(2)).put("sourceHandle", "false");
        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "edge e4: has sourceHandle 'true', but d is a delay node; only edges out of a condition carry one");
    }

    @Test
    void nothingLeadsIntoTheTrigger() {
        ObjectNode definition = branching();
        edges(definition).add(edge("e5", "wh", "t", null));

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "edge e5: leads into the trigger node t; a run starts there, nothing leads to it",
                "nodes: t -> c -> d -> wh -> t is a cycle; a workflow's edges must never lead back to a node already passed");
    }

    @Test
    void anUnknownActionTypeIsRefusedWhenSavedButKeptWhenImported() {
        ObjectNode definition = branching();
        addAction(definition, "pd", "pagerduty", """
                {"serviceKey": "abc", "severity": "critical"}""");

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "node pd: data.actionType: 'pagerduty' is not an actionType Runwire runs (known: webhook, jira, linear, runbook)");
        assertThat(WorkflowGraph.problems(definition, IMPORT)).isEmpty();

        WorkflowDefinition read = WorkflowDefinition.from(definition, JSON);
        NodeData.Action action = (NodeData.Action) WorkflowGraph.of(read).node("pd").orElseThrow().data();
        assertThat(action.config()).isInstanceOf(UnknownAction.class);
        assertThat(((UnknownAction) action.config()).error()).isEqualTo("Unknown actionType 'pagerduty'");
        assertThat(read.toJson(JSON).at("/nodes/5/data/config")).isEqualTo(json("""
                {"serviceKey": "abc", "severity": "critical"}"""));
    }

    @Test
    void aRunbookActionNeedsARunbookIdOfARunbookThatExists() {
        ObjectNode definition = branching();
        ObjectNode config = (ObjectNode) nodes(definition).get(2).at("/data/config");
        config.remove("runbookId");
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("node rb: data.config.runbookId: is required");

        UUID missing = UUID.randomUUID();
        config.put("runbookId", missing.toString());
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("node rb: data.config.runbookId: runbook " + missing + " does not exist");
    }

    @Test
    void aWorkflowCannotHoldARunbooksSecretParameter() {
        ObjectNode definition = branching();
        ((ObjectNode) nodes(definition).get(2).at("/data/config")).put("runbookId", SECRET_RUNBOOK.toString())
                .set("parameters", json("""
                        {"service": "checkout", "target": {"password": "hunter2"}}"""));

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "node rb: data.config.parameters.target.password: is a secret (writeOnly) parameter of the runbook; "
                        + "a workflow does not store secrets for a runbook, so it cannot pass one");
    }

    @Test
    void aDelayLastsFromOneSecondToADay() {
        ObjectNode definition = branching();
        ObjectNode delay = (ObjectNode) nodes(definition).get(3).get("data");

        delay.put("durationSeconds", 0);
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("node d: data.durationSeconds: must have a minimum value of 1");
        delay.put("durationSeconds", 86_401);
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("node d: data.durationSeconds: must have a maximum value of 86400");
        delay.put("durationSeconds", "10s");
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("node d: data.durationSeconds: string found, integer expected");
    }

    @Test
    void aConditionNeedsAKnownOperatorAndAValue() {
        ObjectNode definition = branching();
        ObjectNode condition = (ObjectNode) nodes(definition).get(1).get("data");

        condition.put("operator", "greater_than");
        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly("node c: data.operator: does not have a "
                + "value in the enumeration [\"equals\", \"not_equals\", \"contains\", \"in\", \"exists\"]");
        condition.put("operator", "in");
        condition.put("value", 3);
        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "node c: data.value: must be a list (or a text of comma-separated items) for operator in");
        condition.put("operator", "equals");
        condition.remove("value");
        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly("node c: data.value: is required");
        condition.put("operator", "exists");
        assertThat(WorkflowGraph.problems(definition, SAVE)).isEmpty();
    }

    @Test
    void aWebhookIsHeldToTheRunbookTargetRules() {
        ObjectNode definition = branching();
        ObjectNode webhook = (ObjectNode) nodes(definition).get(4).at("/data/config");
        webhook.put("url", "https://$incident.metadata.host/hook");
        webhook.put("body", "#if($incident.title");
        webhook.set("headers", json("""
                {"Authorization": "Bearer abc", "CamelHttpUri": "http://elsewhere"}"""));
        webhook.set("auth", json("""
                {"type": "bearer"}"""));

        assertThat(WorkflowGraph.problems(definition, SAVE)).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).isEqualTo(
                        "node wh: data.config.url: its host must be written out; only the path and query may be templated"),
                problem -> assertThat(problem).startsWith("node wh: data.config.body: line 1, column 20: "),
                problem -> assertThat(problem).isEqualTo("node wh: data.config.headers.Authorization: carries a "
                        + "credential; put it in data.config.auth (type headers), where it is encrypted"),
                problem -> assertThat(problem).isEqualTo("node wh: data.config.headers.CamelHttpUri: is reserved: "
                        + "names starting with Camel steer Runwire's own integration steps"),
                problem -> assertThat(problem).isEqualTo("node wh: data.config.auth.token: is required"));

        webhook.put("url", "ftp://files.example.com/x");
        webhook.put("body", "{}");
        webhook.remove("headers");
        webhook.set("auth", json("{\"type\": \"none\"}"));
        webhook.put("method", "HEAD");
        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly("node wh: data.config.method: does not "
                + "have a value in the enumeration [\"GET\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\"]");
        webhook.remove("method");
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("node wh: data.config.url: must be an absolute http or https URL");
    }

    @Test
    void jiraAndLinearNeedTheirRequiredFields() {
        ObjectNode definition = branching();
        addAction(definition, "jira", "jira", """
                {"projectKey": "OPS", "issueType": "Incident", "description": "x"}""");
        addAction(definition, "linear", "linear", """
                {"teamId": "team-1", "title": "#set(", "description": "x", "priority": 5}""");

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "node jira: data.config.summary: is required",
                "node linear: data.config.priority: must have a maximum value of 4");
    }

    @Test
    void theTriggersFieldsMustFitItsType() {
        ObjectNode definition = branching();
        ObjectNode trigger = (ObjectNode) definition.get("trigger");

        trigger.put("type", "age");
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("definition.trigger.ageThresholdMinutes: is required for an age trigger");
        trigger.put("ageThresholdMinutes", 30);
        assertThat(WorkflowGraph.problems(definition, SAVE)).isEmpty();
        trigger.put("type", "state_changed");
        trigger.remove("ageThresholdMinutes");
        trigger.set("stateTransition", json("{\"to\": \"RESOLVED\"}"));
        assertThat(WorkflowGraph.problems(definition, SAVE)).isEmpty();
        trigger.put("type", "escalation");
        assertThat(WorkflowGraph.problems(definition, SAVE))
                .containsExactly("definition.trigger.stateTransition: only applies to a state_changed trigger");
        trigger.put("type", "whenever");
        assertThat(WorkflowGraph.problems(definition, SAVE)).singleElement().asString()
                .startsWith("definition.trigger.type: does not have a value in the enumeration");
    }

    @Test
    void aTriggersConditionsAreFieldConditions() {
        ObjectNode definition = branching();
        ArrayNode conditions = (ArrayNode) definition.at("/trigger/conditions");
        conditions.add(json("""
                {"field": "incident.metadata.region", "operator": "in", "value": ["eu", "us"]}"""));
        assertThat(WorkflowGraph.problems(definition, SAVE)).isEmpty();

        conditions.add(json("""
                {"field": "priority", "operator": "in", "value": 1, "label": "x"}"""));
        conditions.add(json("""
                {"field": "a..b", "operator": "equals"}"""));
        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "definition.trigger.conditions.2.label: is not allowed",
                "definition.trigger.conditions.3.field: does not match the regex pattern ^[^.\\s]+(\\.[^.\\s]+)*$",
                "definition.trigger.conditions.3.value: is required");
    }

    @Test
    void theDefinitionsShapeIsCheckedFirst() {
        ObjectNode definition = json("""
                {"nodes": [{"type": "trigger"}], "edges": [], "settings": {"timeout": "2min"}}""");

        assertThat(WorkflowGraph.problems(definition, SAVE)).containsExactly(
                "definition.nodes.0.id: is required",
                "definition.settings.timeout: does not have a value in the enumeration [\"1min\", \"5min\", \"15min\"]",
                "definition.trigger: is required");
    }

    @Test
    void aConditionFollowsOnlyTheBranchItTook() {
        WorkflowGraph graph = WorkflowGraph.of(WorkflowDefinition.from(branching(), JSON));

        assertThat(graph.trigger().id()).isEqualTo("t");
        assertThat(ids(graph.successors("t"))).containsExactly("c");
        assertThat(ids(graph.successors("c", true))).containsExactly("rb");
        assertThat(ids(graph.successors("c", false))).containsExactly("d");
        assertThat(ids(graph.successors("d"))).containsExactly("wh");
        assertThat(graph.successors("wh")).isEmpty();
        assertThat(ids(graph.predecessors("wh"))).containsExactly("d");
        assertThatThrownBy(() -> graph.successors("c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.successors("d", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.successors("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parallelEdgesLeadToEveryTargetOnce() {
        ObjectNode definition = branching();
        edges(definition).add(edge("e5", "t", "d", null));
        edges(definition).add(edge("e6", "t", "d", null));
        edges(definition).add(edge("e7", "c", "wh", "true"));
        WorkflowGraph graph = WorkflowGraph.of(WorkflowDefinition.from(definition, JSON));

        assertThat(ids(graph.successors("t"))).containsExactly("c", "d");
        assertThat(ids(graph.successors("c", true))).containsExactly("rb", "wh");
        assertThat(ids(graph.predecessors("wh"))).containsExactly("d", "c");
    }

    @Test
    void theModelReadsEveryNodeAsItsRecord() {
        WorkflowDefinition definition = WorkflowDefinition.from(branching(), JSON);
        WorkflowGraph graph = WorkflowGraph.of(definition);

        NodeData.Condition condition = (NodeData.Condition) graph.node("c").orElseThrow().data();
        assertThat(condition.condition()).isEqualTo(new WorkflowDefinition.FieldCondition("priority", "equals", "CRITICAL"));
        assertThat(((NodeData.Delay) graph.node("d").orElseThrow().data()).durationSeconds()).isEqualTo(3);
        NodeData.Action runbook = (NodeData.Action) graph.node("rb").orElseThrow().data();
        assertThat(runbook.config()).isEqualTo(new RunbookAction(RUNBOOK, java.util.Map.of("service", "checkout")));
        assertThat(runbook.retryPolicy()).isEqualTo(io.runwire.http.RetryPolicy.DEFAULT);
        assertThat(runbook.continueOnError()).isFalse();
        NodeData.Action webhook = (NodeData.Action) graph.node("wh").orElseThrow().data();
        assertThat(webhook.config()).isInstanceOfSatisfying(WebhookAction.class, action -> {
            assertThat(action.method()).isEqualTo("POST");
            assertThat(action.headers()).containsEntry("X-Source", "runwire $incident.priority");
            assertThat(action.authCiphertext()).isNull();
        });
        assertThat(webhook.retryPolicy().attempts()).isEqualTo(2);
        assertThat(webhook.continueOnError()).isTrue();
        assertThat(definition.trigger().type()).isEqualTo(WorkflowDefinition.TriggerType.INCIDENT_CREATED);
        assertThat(definition.trigger().conditions()).containsExactly(
                new WorkflowDefinition.FieldCondition("service", "exists", null));
        assertThat(definition.settings().timeoutDuration()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aDefinitionWithoutSettingsTimesOutAfterFiveMinutesAndReadsBackTheSame() {
        ObjectNode json = branching();
        json.remove("settings");
        WorkflowDefinition definition = WorkflowDefinition.from(json, JSON);

        assertThat(definition.settings().timeout()).isEqualTo("5min");
        assertThat(definition.settings().timeoutDuration()).isEqualTo(Duration.ofMinutes(5));
        JsonNode written = definition.toJson(JSON);
        assertThat(WorkflowDefinition.from(written, JSON).toJson(JSON)).isEqualTo(written);
    }

    private static void addAction(ObjectNode definition, String id, String actionType, String config) {
        nodes(definition).add(json("""
                {"id": "%s", "type": "action", "position": {"x": 0, "y": 400},
                 "data": {"actionType": "%s", "name": "%s action", "config": %s}}""".formatted(id, actionType, id, config)));
        edges(definition).add(edge("to-" + id, "d", id, null));
    }

    private static ArrayNode nodes(ObjectNode definition) {
        return (ArrayNode) definition.get("nodes");
    }

    private static ArrayNode edges(ObjectNode definition) {
        return (ArrayNode) definition.get("edges");
    }

    private static ObjectNode edge(String id, String source, String target, String handle) {
        ObjectNode edge = JSON.createObjectNode().put("id", id).put("source", source).put("target", target);
        return handle == null ? edge : edge.put("sourceHandle", handle);
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
