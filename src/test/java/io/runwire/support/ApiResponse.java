package io.runwire.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** What the API answered: status, parsed JSON body (MissingNode when empty) and headers. */
public record ApiResponse(int status, JsonNode body, String rawBody, HttpHeaders headers) {

    public String error() {
        return body.path("error").asText(null);
    }

    public String text(String jsonPointer) {
        return body.at(jsonPointer).asText(null);
    }

    @Override
    public String toString() {
        return status + " " + rawBody;
    }
}
