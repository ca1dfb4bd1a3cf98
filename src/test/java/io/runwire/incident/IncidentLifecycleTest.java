package io.runwire.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runwire.api.ApiException;
import io.runwire.incident.IncidentLifecycle.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentLifecycleTest {

    private final IncidentLifecycle lifecycle = new IncidentLifecycle();

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "OPEN, ACKNOWLEDGED, true",
            "OPEN, RESOLVED, true",
            "OPEN, CLOSED, false",
            "ACKNOWLEDGED, ACKNOWLEDGED, false",
            "ACKNOWLEDGED, RESOLVED, true",
            "ACKNOWLEDGED, CLOSED, false",
            "RESOLVED, ACKNOWLEDGED, false",
            "RESOLVED, RESOLVED, false",
            "RESOLVED, CLOSED, true",
            "CLOSED, ACKNOWLEDGED, false",
            "CLOSED, RESOLVED, false",
            "CLOSED, CLOSED, false",
    })
    void allowsOnlyTheLegalMoves(Status from, Status to, boolean allowed) {
        assertThat(lifecycle.allows(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "escalate {0}: {1}")
    @CsvSource({"OPEN, true", "ACKNOWLEDGED, true", "RESOLVED, false", "CLOSED, false"})
    void escalatesOnlyWhileTheIncidentIsBeingWorkedOn(Status current, boolean allowed) {
        assertThat(lifecycle.allowsEscalation(current)).isEqualTo(allowed);
    }

    @Test
    void escalatingAResolvedIncidentIsAConflictThatSaysWhen() {
        assertThatThrownBy(() -> lifecycle.requireEscalation("RESOLVED"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Incident is RESOLVED; it can be escalated only when it is ACKNOWLEDGED or OPEN");
    }
}
