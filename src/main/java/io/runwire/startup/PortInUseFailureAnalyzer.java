package io.runwire.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Spring Boot's own analysis of a port in use, as one sentence naming Runwire's setting. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis("Port " + cause.getPort() + " is already in use by another process: stop that "
                + "process, or start Runwire on another port with PORT=<port>.", null, cause);
    }
}
