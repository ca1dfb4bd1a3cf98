package io.runwire.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a failed start as the last line of the output, in one sentence, in place of Spring Boot's block (its
 * LoggingFailureAnalysisReporter is silenced in application.yaml). Spring Boot's own analyses keep both their parts.
 */
public class StartupFailureReporter implements FailureAnalysisReporter {

    private static final Logger LOG = LoggerFactory.getLogger("io.runwire.startup");

    @Override
    public void report(FailureAnalysis analysis) {
        String action = analysis.getAction() == null || analysis.getAction().isBlank() ? "" : " " + analysis.getAction();
        LOG.error("Runwire did not start: {}{}", analysis.getDescription().strip(), action.stripTrailing());
    }
}
