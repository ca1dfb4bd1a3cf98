package io.runwire.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whatever Spring MVC itself refuses (no such endpoint, wrong method) still answers in the API's JSON shape. */
@RestController
public class JsonErrorController implements ErrorController {

    private final ApiErrors apiErrors;

    public JsonErrorController(ApiErrors apiErrors) {
        this.apiErrors = apiErrors;
    }

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String message = switch (status) {
            case 404 -> "No endpoint " + path;
            case 405 -> "Method not allowed on " + path;
            case 413 -> "Request body is too large";
            case 415 -> "Content-Type must be application/json";
            case 501 -> "Method " + request.getMethod() + " is not implemented on " + path;
            default -> status >= 500 ? "Internal error" : "Bad request";
        };
        Object requestId = request.getAttribute(ApiRequest.REQUEST_ID);
        String body = apiErrors.toJson(new ApiException(status, message, null),
                requestId == null ? null : requestId.toString());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
