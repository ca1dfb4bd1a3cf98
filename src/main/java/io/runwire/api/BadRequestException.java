package io.runwire.api;

/** 400, for routes to throw by name. */
public class BadRequestException extends ApiException {
    public BadRequestException(String message) {
        super(400, message, null);
    }
}
