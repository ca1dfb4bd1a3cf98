package io.runwire.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Turns an exception into the API's JSON error body. Called by the routes' one {@code routeConfiguration}
 * ({@code routes/errors.yaml}) and by the servlet filter that guards the API before Camel sees a request.
 */
@Component("apiErrors")
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** Unique constraints the API can trip, as sentences a caller understands. */
    private static final Map<String, String> CONFLICTS = Map.of(
            "teams_name_key", "A team with this name already exists",
            "users_email_key", "A user with this email already exists",
            "runbook_versions_runbook_version_key", "The runbook was changed at the same time; try again",
            "workflow_versions_workflow_version_key", "The workflow was changed at the same time; try again");

    private final ObjectMapper objectMapper;

    public ApiErrors(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Writes the caught exception of {@code exchange} as the HTTP response. */
    public void respond(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException problem = translate(caught, exchange.getProperty(ApiRequest.REQUEST_ID, String.class));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body(problem, exchange.getProperty(ApiRequest.REQUEST_ID, String.class)));
    }

    ApiException translate(Throwable caught, String correlationId) {
        Throwable cause = caught;
        while (cause != null) {
            if (cause instanceof ApiException api) {
                return api;
            }
            if (cause instanceof DuplicateKeyException duplicate) {
                return ApiException.conflict(conflictMessage(duplicate));
            }
            if (cause instanceof DataIntegrityViolationException violation) {
                LOG.info("Refused a write that breaks a constraint: {}", violation.getMostSpecificCause().getMessage());
                return ApiException.conflict("The change conflicts with existing data");
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        LOG.error("Unexpected error [correlationId={}]", correlationId, caught);
        return new ApiException(500, "Internal error", null);
    }

    ApiError body(ApiException problem, String correlationId) {
        return problem.status() >= 500
                ? new ApiError(problem.getMessage(), problem.details(), correlationId)
                : ApiError.of(problem);
    }

    public String toJson(ApiException problem, String correlationId) {
        try {
            return objectMapper.writeValueAsString(body(problem, correlationId));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"Internal error\"}";
        }
    }

    private static String conflictMessage(DuplicateKeyException duplicate) {
        String detail = String.valueOf(duplicate.getMostSpecificCause().getMessage());
        return CONFLICTS.entrySet().stream()
                .filter(entry -> detail.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("The resource already exists");
    }
}
