package io.runwire.api;

/** 404, for routes to throw by name: {@code throwException: {exceptionType: io.runwire.api.NotFoundException, message: ...}}. */
public class NotFoundException extends ApiException {
    public NotFoundException(String message) {
        super(404, message, null);
    }
}
