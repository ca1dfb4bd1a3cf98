package io.runwire.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.StoredJson;
import io.runwire.http.RetryPolicy;
import io.runwire.runbook.ExecutionPlan;
import io.runwire.signing.SigningKey;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A workflow's webhook action (routes/actions/webhook.yaml): its config {@code {url, method, headers, body, auth,
 * timeoutSeconds}} rendered into the plan of one call, which goes out through the runbook path's own
 * runbook-call-target (address guard, header hygiene, auth decrypted at call time, deadline, 4 KiB excerpt), and that
 * call's outcome as the node's actionResult.
 */
@Component("webhookActions")
public class WebhookActions {

    static final String CALL = "direct:action-webhook-call";
    static final List<String> INPUTS =
            List.of("workflowExecutionId", "workflowId", "workflowNodeId", "actionConfig", "actionAttempt",
                    "templateContext");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Only Retry-After sets a wait here; the node's retry config decides the backoff (the workflow engine). */
    private static final JsonNode NO_BACKOFF = new ObjectMapper().createObjectNode().put("initialDelayMs", 0);

    private final ActionTemplates templates;
    private final ActionExchanges exchanges;
    private final ActionResults results;
    private final StoredJson storedJson;
    private final ObjectMapper objectMapper;
    private final int defaultTimeoutSeconds;

    public WebhookActions(ActionTemplates templates, ActionExchanges exchanges, ActionResults results,
                          StoredJson storedJson, ObjectMapper objectMapper,
                          @Value("${runwire.workflows.webhook-timeout-seconds:30}") int defaultTimeoutSeconds) {
        this.templates = templates;
        this.exchanges = exchanges;
        this.results = results;
        this.storedJson = storedJson;
        this.objectMapper = objectMapper;
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    /** Runs {@value #CALL} on an exchange of its own; returns the node's actionResult. */
    public Map<String, Object> call(Exchange action) {
        return exchanges.actionResult(CALL, action, INPUTS);
    }

    /**
     * The call's plan: url and header values rendered by Velocity over the template context, the method, the auth as
     * stored (encrypted, bound to the workflow and node: the snapshot's copy decrypts as the workflow's own), the
     * timeout. The Idempotency-Key (and X-Runwire-Execution-Id) is
     * {@code <workflowExecutionId>:<nodeId>}: the same for every attempt of the node, another for each node.
     * {@code signingKeys}: the node's signing secrets valid now (signing-secrets-of-node.sql), read for each attempt.
     */
    public ExecutionPlan plan(@Variable("workflowExecutionId") String workflowExecutionId,
                              @Variable("workflowId") String workflowId,
                              @Variable("workflowNodeId") String nodeId,
                              @Variable("actionConfig") Map<String, Object> config,
                              @Variable("actionAttempt") Integer attempt,
                              @Variable("templateContext") Map<String, Object> context,
                              @Variable("signingKeys") List<SigningKey> signingKeys) {
        Map<String, Object> values = templateValues(context);
        String url = url(required(config, "url").trim(), values);
        String method = String.valueOf(config.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Webhook method must be one of " + METHODS + ", not " + method);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.get("headers") instanceof Map<?, ?> configured) {
            configured.forEach((name, value) -> headers.put(String.valueOf(name),
                    headerValue(String.valueOf(name), render(String.valueOf(value), values))));
        }
        int timeoutSeconds = config.get("timeoutSeconds") instanceof Number n ? n.intValue() : defaultTimeoutSeconds;
        int thisAttempt = attempt == null ? 1 : attempt;
        return new ExecutionPlan(workflowExecutionId + ":" + nodeId, null, String.valueOf(config.getOrDefault("name", nodeId)),
                0, url, method, headers, auth(config.get("auth")), SecretPlace.workflowNodeAuth(workflowId, nodeId),
                null, timeoutSeconds,
                RetryPolicy.of(thisAttempt + 1, NO_BACKOFF), null, signingKeys == null ? List.of() : signingKeys);
    }

    /** The body: the config's template rendered, or without one the whole context as JSON. */
    public String payload(@Variable("actionConfig") Map<String, Object> config,
                          @Variable("templateContext") Map<String, Object> context) {
        Map<String, Object> values = templateValues(context);
        Object body = config.get("body");
        if (body == null) {
            return storedJson.write(values);
        }
        return render(body instanceof String text ? text : storedJson.write(body), values);
    }

    /** The call's outcome (runbookAttempts' retry and attemptRecord) as the node's result. */
    public Map<String, Object> result(@Variable("retry") Boolean retry,
                                      @Variable("attemptRecord") Map<String, Object> record) {
        if (Boolean.TRUE.equals(retry)) {
            Object delay = record.get("delayMs");
            return results.retry(String.valueOf(record.get("error")),
                    delay instanceof Number n && n.longValue() > 0 ? n.longValue() : null);
        }
        if (!"SUCCESS".equals(record.get("status"))) {
            return results.failed(String.valueOf(record.get("error")));
        }
        JsonNode result = storedJson.read(record.get("resultJson"));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("statusCode", result.path("statusCode").isNumber() ? result.path("statusCode").asInt() : null);
        output.put("responseBody", result.path("responseBody").isNull() ? null : result.path("responseBody").asText());
        return results.completed(output);
    }

    private Map<String, Object> templateValues(Map<String, Object> context) {
        return templates.values(context);
    }

    private String render(String template, Map<String, Object> values) {
        return templates.render(template, values);
    }

    private static String required(Map<String, Object> config, String field) {
        Object value = config == null ? null : config.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("Webhook action has no " + field);
        }
        return value.toString();
    }

    /**
     * Only the path and query are rendered: the scheme and host stay as the definition wrote them (saving checks it
     * too), so nothing an incident's fields hold can send the call to another host.
     */
    private String url(String template, Map<String, Object> values) {
        Matcher parts = WorkflowGraph.URL.matcher(template);
        if (!parts.matches() || !(parts.group(1).equalsIgnoreCase("http://") || parts.group(1).equalsIgnoreCase("https://"))
                || parts.group(2).isEmpty()) {
            throw new IllegalArgumentException("Webhook url must be an http(s) URL with a host: " + template);
        }
        if (parts.group(2).contains("$") || parts.group(2).contains("#")) {
            throw new IllegalArgumentException("Webhook url's host must be written out, not templated");
        }
        String url = parts.group(1) + parts.group(2) + render(parts.group(3), values);
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Webhook url is not a valid URL once rendered");
        }
        return url;
    }

    /** A rendered header value stays one header: a line break from the data would start another. */
    private static String headerValue(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Webhook header " + name + " renders a line break");
        }
        return value;
    }

    /** Stored encrypted like a runbook's webhookAuth (a ciphertext string); none is null. */
    private static String auth(Object auth) {
        if (auth == null || auth instanceof Map<?, ?> plain && "none".equals(plain.get("type"))) {
            return null;
        }
        if (auth instanceof String ciphertext && !ciphertext.isBlank()) {
            return ciphertext;
        }
        throw new IllegalArgumentException("Webhook auth is not stored encrypted; save the workflow again");
    }
}
