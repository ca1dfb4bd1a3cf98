package io.runwire.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import io.runwire.support.RunbookTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Targets cannot hurt the node: whatever a target answers, an attempt takes in at most the excerpt it records, ends
 * by the runbook's timeout, and carries nothing of another runbook's calls.
 */
class RunbookTargetLimitsTest extends RunbookTestSupport {

    @Test
    void aCookieOneRunbooksTargetSetsIsNeitherSentBackNorSentToAnotherRunbookOnTheSameHost() {
        target.stubFor(post("/login").willReturn(aResponse().withStatus(200)
                .withHeader("Set-Cookie", "session=team-a-session; Path=/")));
        target.stubFor(post("/other").willReturn(aResponse().withStatus(200)));
        String teamA = createTeam();
        String incidentA = createIncident(teamA);
        String setsCookie = createApprovedRunbook(runbook(teamA, "/login", Map.of()));
        String teamB = createTeam();
        String another = createApprovedRunbook(runbook(teamB, "/other", Map.of()));

        awaitStatus(executeAndGetId(incidentA, setsCookie, null), "SUCCESS");
        awaitStatus(executeAndGetId(createIncident(teamB), another, null), "SUCCESS");
        awaitStatus(executeAndGetId(incidentA, setsCookie, null), "SUCCESS");

        target.verify(2, postRequestedFor(urlEqualTo("/login")).withHeader("Cookie", absent()));
        target.verify(1, postRequestedFor(urlEqualTo("/other")).withHeader("Cookie", absent()));
    }
}
