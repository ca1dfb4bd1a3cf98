package io.runwire.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Runwire generated and showed a test once (signing secrets): random, so SuiteLogHasNoSecretsTest learns them
 * here, in the same test JVM, and looks for them in the suite's logs like the fixed ones.
 */
public final class ShownSecrets {

    private static final List<String> SHOWN = new CopyOnWriteArrayList<>();

    private ShownSecrets() {
    }

    public static void remember(String secret) {
        SHOWN.add(secret);
    }

    public static List<String> all() {
        return List.copyOf(SHOWN);
    }
}
