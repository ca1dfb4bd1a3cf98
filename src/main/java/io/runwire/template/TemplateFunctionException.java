package io.runwire.template;

/**
 * A {@code $fn} helper refused its input. The message says what was wrong and never quotes the input, which may be a
 * secret parameter: it is the only exception message from inside a template that reaches the execution's error.
 */
final class TemplateFunctionException extends IllegalArgumentException {

    TemplateFunctionException(String message) {
        super(message);
    }
}
