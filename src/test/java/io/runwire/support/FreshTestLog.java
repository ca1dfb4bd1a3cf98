package io.runwire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Each surefire run starts a fresh service log, so SuiteLogHasNoSecretsTest reads this run's log only (the failsafe
 * drill, which runs after it, leaves the log alone).
 */
public class FreshTestLog implements LauncherSessionListener {

    public static final Path LOG = Path.of("target", "test-logs", "runwire-tests.log");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("runwire.fresh-test-log")) {
            return;
        }
        try {
            Files.deleteIfExists(LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
