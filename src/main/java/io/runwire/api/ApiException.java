package io.runwire.api;

import java.util.List;

/** A failure the API reports to its caller as {@code {"error": message, "details": [...]}} with an HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<String> details;

    public ApiException(int status, String message, List<String> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message, null);
    }

    public static ApiException badRequest(String message, List<String> details) {
        return new ApiException(400, message, details);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message, null);
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(403, reason, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message, null);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, "Request body is larger than " + limitBytes + " bytes", null);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "Content-Type must be application/json"
                + (contentType == null ? "" : ", not " + contentType), null);
    }

    public int status() {
        return status;
    }

    public List<String> details() {
        return details;
    }
}
