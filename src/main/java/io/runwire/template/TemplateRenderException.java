package io.runwire.template;

/**
 * A payload template could not be rendered. The message is safe to record as the execution's error: it says where
 * and why in the template's own terms and never carries a value the template was given.
 */
public class TemplateRenderException extends RuntimeException {

    public TemplateRenderException(String message) {
        super(message);
    }
}
