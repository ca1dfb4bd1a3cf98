package io.runwire.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** A missing, unreadable or malformed encryption key (io.runwire.crypto.EncryptionKey), in one sentence. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    private static final String ENCRYPTION_KEY = "io.runwire.crypto.EncryptionKey";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        if (cause.getStackTrace().length == 0 || !cause.getStackTrace()[0].getClassName().equals(ENCRYPTION_KEY)) {
            return null;
        }
        return new FailureAnalysis(sentence(cause.getMessage()), null, cause);
    }

    static String sentence(String message) {
        if (message.startsWith("RUNWIRE_ENCRYPTION_KEY is not set")) {
            return "RUNWIRE_ENCRYPTION_KEY is not set, and with an external database (SPRING_DATASOURCE_URL) every "
                    + "replica must decrypt what the others encrypted: set it to the same key on all of them "
                    + "(generate one with: openssl rand -base64 32).";
        }
        return message.endsWith(".") ? message : message + ".";
    }
}
