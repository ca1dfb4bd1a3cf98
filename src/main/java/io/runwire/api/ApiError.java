package io.runwire.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The one shape of every error the API returns. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, List<String> details, String correlationId) {

    public static ApiError of(ApiException e) {
        return new ApiError(e.getMessage(), e.details(), null);
    }
}
