package io.runwire.runbook;

import io.runwire.db.StoredJson;
import io.runwire.http.AttemptClassifier;
import io.runwire.http.AttemptClassifier.Outcome;
import io.runwire.http.AttemptClassifier.Verdict;
import io.runwire.http.RetryPolicy;
import io.runwire.http.CallDeadline;
import io.runwire.http.OutgoingCallMetrics;
import io.runwire.http.OutgoingCallMetrics.CallOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reads the result of one HTTP attempt off the exchange and decides, with {@link AttemptClassifier}, what the
 * execution does next. Sets the variables {@code retry} and {@code attemptRecord} (an {@link ExecutionOutcome}'s
 * statement parameters) for the route.
 */
@Component("runbookAttempts")
public class RunbookAttempts {

    static final int RESPONSE_EXCERPT_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(RunbookAttempts.class);

    private final AttemptClassifier classifier;
    private final StoredJson storedJson;
    private final OutgoingCallMetrics calls;

    public RunbookAttempts(AttemptClassifier classifier, StoredJson storedJson, OutgoingCallMetrics calls) {
        this.classifier = classifier;
        this.storedJson = storedJson;
        this.calls = calls;
    }

    /**
     * Marks the start of an attempt, for its duration, and starts its deadline: the runbook's timeout covers the
     * token request, connecting, the answer's head and the excerpt of its body, all together.
     */
    public void started(Exchange exchange) {
        exchange.setVariable("attemptStartedAt", System.nanoTime());
        ExecutionPlan plan = exchange.getVariable("plan", ExecutionPlan.class);
        CallDeadline.start(Duration.ofMillis(plan.timeoutMillis()));
        // the endpoint's disableStreamCache is not enough: Camel 4 caches a stream body again before every step
        exchange.getExchangeExtension().setStreamCacheDisabled(true);
    }

    /** Reads the excerpt straight off the connection (no stream cache) and drops the connection with the rest. */
    public void afterResponse(Exchange exchange) throws IOException {
        try {
            ExecutionPlan plan = exchange.getVariable("plan", ExecutionPlan.class);
            int attempt = exchange.getVariable("attempt", Integer.class);
            int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
            Outcome outcome = classifier.response(status, retryAfter, attempt, plan.retry());
            InputStream body = exchange.getMessage().getBody(InputStream.class);
            // off the message first: no later step, nor stream caching, may read on where the excerpt stopped
            exchange.getMessage().setBody(null);
            String excerpt = excerpt(body);
            decide(exchange, plan, attempt, outcome, CallOutcome.of(outcome.verdict(), null), status, null, excerpt);
        } finally {
            over(exchange);
        }
    }

    public void afterFailure(Exchange exchange) {
        over(exchange);
        ExecutionPlan plan = exchange.getVariable("plan", ExecutionPlan.class);
        int attempt = exchange.getVariable("attempt", Integer.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Outcome outcome = classifier.failure(failure, target(plan.url()), attempt, plan.timeoutSeconds(), plan.retry());
        decide(exchange, plan, attempt, outcome, CallOutcome.of(outcome.verdict(), failure), null,
                AttemptClassifier.cause(failure).getClass().getSimpleName(), null);
    }

    /**
     * Nothing was sent. A database that could not be reached is worth another attempt, like a target that could not
     * be; a payload that cannot be rendered or a request that cannot be prepared is not.
     */
    public void failedBeforeSending(Exchange exchange) {
        over(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempt = exchange.getVariable("attempt", Integer.class);
        int attempts = ((Number) exchange.getVariable("execution", Map.class).get("maxAttempts")).intValue();
        if (exchange.getVariable("attemptStartedAt") == null) {
            exchange.setVariable("attemptStartedAt", System.nanoTime());
        }
        String errorClass = failure == null ? null : failure.getClass().getSimpleName();
        if (isDatabaseFailure(failure)) {
            String error = "Not sent: the database could not be reached";
            LOG.warn("Execution {} attempt {}: {}: {}", exchange.getVariable("executionId"), attempt, error,
                    failure.getClass().getSimpleName());
            Outcome outcome = attempt < attempts
                    ? new Outcome(Verdict.RETRY, RetryPolicy.DEFAULT.backoffBefore(attempt + 1), error)
                    : new Outcome(Verdict.FAILED, 0, error + " (attempt " + attempt + " of " + attempts + ")");
            decide(exchange, attempt, attempts, outcome, null, errorClass, null);
            return;
        }
        String reason = failure == null ? "unknown error" : failure.getMessage();
        decide(exchange, attempt, attempts, new Outcome(Verdict.FAILED, 0, "Not sent: " + reason), null, errorClass, null);
    }

    /** The attempt's answer is read, or never will be: no deadline any more, and stream caching on again. */
    private static void over(Exchange exchange) {
        CallDeadline.finish();
        exchange.getExchangeExtension().setStreamCacheDisabled(false);
    }

    /** An attempt that was made (or refused at connect time): on record, and in the outgoing calls' metrics. */
    private void decide(Exchange exchange, ExecutionPlan plan, int attempt, Outcome outcome, CallOutcome call,
                        Integer status, String errorClass, String excerpt) {
        calls.record(plan.url(), call, System.nanoTime() - exchange.getVariable("attemptStartedAt", Long.class));
        if (outcome.retry()) {
            LOG.info("Execution {} attempt {} of {}: {}; next attempt in {} ms", plan.executionId(), attempt,
                    plan.retry().attempts(), outcome.error(), outcome.delayMs());
        }
        decide(exchange, attempt, plan.retry().attempts(), outcome, status, errorClass, excerpt);
    }

    private void decide(Exchange exchange, int attempt, int attempts, Outcome outcome, Integer status,
                        String errorClass, String excerpt) {
        long startedAt = exchange.getVariable("attemptStartedAt", Long.class);
        long durationMs = (System.nanoTime() - startedAt) / 1_000_000;
        ExecutionOutcome decided = outcome.retry()
                ? new ExecutionOutcome(true, outcome.delayMs(), null, outcome.error(), null, status, errorClass, durationMs)
                : new ExecutionOutcome(false, 0, outcome.verdict().name(), outcome.error(),
                        result(status, excerpt, durationMs, attempt), status, errorClass, durationMs);
        exchange.setVariable("retry", decided.retry());
        exchange.setVariable("attemptRecord", decided.parameters());
    }

    private static boolean isDatabaseFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private String result(Integer status, String excerpt, long durationMs, int attempts) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", status);
        result.put("responseBody", excerpt);
        result.put("durationMs", durationMs);
        result.put("attempts", attempts);
        return storedJson.write(result);
    }

    /**
     * The first 4 KiB of a response, read off the connection; closing the body then drops the connection with the
     * rest unread. A character cut in two at the end is dropped.
     */
    static String excerpt(InputStream body) throws IOException {
        if (body == null) {
            return null;
        }
        try (body) {
            byte[] bytes = body.readNBytes(RESPONSE_EXCERPT_BYTES);
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean cut = bytes.length == RESPONSE_EXCERPT_BYTES && text.endsWith("\uFFFD");
            String excerpt = cut ? text.substring(0, text.length() - 1) : text;
            // jsonb cannot hold U+0000: a target answering NUL bytes must not leave its result unrecordable
            return excerpt.replace('\u0000', '\uFFFD');
        }
    }

    /** The target without path or query, which may carry tokens: {@code https://host:port}. */
    private static String target(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "the target";
        }
    }
}
