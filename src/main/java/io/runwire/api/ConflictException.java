package io.runwire.api;

/** 409, for routes to throw by name when the resource is not in a state that allows the request. */
public class ConflictException extends ApiException {
    public ConflictException(String message) {
        super(409, message, null);
    }
}
