package io.runwire.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.connections.ConnectionNotConfiguredException;
import io.runwire.connections.TicketConnections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The rules of the ticket actions that need no service: ADF, markers, summaries, JQL strings, Jira's errors. */
class TicketRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void blankLinesSeparateParagraphsAndDashLinesBecomeOneBulletList() {
        Map<String, Object> doc = AtlassianDocument.of("First line\nsecond line\n\n- a\n- b\nafter\n\n\n");

        assertThat((JsonNode) JSON.valueToTree(doc)).isEqualTo((JsonNode) JSON.valueToTree(Map.of("type", "doc", "version", 1, "content", List.of(
                Map.of("type", "paragraph", "content", List.of(text("First line"), Map.of("type", "hardBreak"), text("second line"))),
                Map.of("type", "bulletList", "content", List.of(item("a"), item("b"))),
                Map.of("type", "paragraph", "content", List.of(text("after")))))));
        assertThat(AtlassianDocument.of("")).containsEntry("content", List.of());
    }

    @Test
    void markersAreTheSameForTheSameNodeAndDifferForAnother() {
        TicketMarkers markers = new TicketMarkers();
        String execution = UUID.randomUUID().toString();

        assertThat(markers.jiraLabel(execution, "a")).isEqualTo(markers.jiraLabel(execution, "a"))
                .isNotEqualTo(markers.jiraLabel(execution, "b")).matches("runwire-[0-9a-f]{16}");
        UUID id = UUID.fromString(markers.linearIssueId(execution, "a"));
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(markers.linearIssueId(execution, "a")).isEqualTo(id.toString())
                .isNotEqualTo(markers.linearIssueId(execution, "b"));
    }

    @Test
    void aSummaryIsOneLineOfAtMost255Characters() {
        String emoji = "🚨".repeat(300);

        assertThat(JiraActions.summary(" a\r\nb\nc ")).isEqualTo("a b c");
        assertThat(JiraActions.summary(emoji).codePointCount(0, JiraActions.summary(emoji).length())).isEqualTo(255);
        assertThat(JiraActions.summary(emoji)).endsWith("🚨…");
    }

    @Test
    void aJqlStringEscapesQuotesAndBackslashes() {
        assertThat(JiraActions.jqlString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void jirasErrorCollectionNamesEveryFieldAndMessage() throws Exception {
        assertThat(JiraErrors.describe(400, JSON.readTree("{\"errorMessages\":[\"m\"],\"errors\":{\"summary\":\"too long\"}}")))
                .isEqualTo("Jira refused the request (HTTP 400): summary: too long; m");
        assertThat(JiraErrors.describe(403, JSON.missingNode())).isEqualTo("Jira refused the request (HTTP 403)");
    }

    @Test
    void theEnvironmentsDefaultConnectionNeedsAllItsSettings() {
        TicketConnections configured = new TicketConnections(null, null, "https://acme.atlassian.net/", "bot@acme",
                "t0k", "https://api.linear.app/", "lin");
        TicketConnections empty = new TicketConnections(null, null, "", "", "", "https://api.linear.app", "");

        assertThat(configured.jira(null, null).baseUrl()).isEqualTo("https://acme.atlassian.net");
        assertThat(configured.linear(" ", null).baseUrl()).isEqualTo("https://api.linear.app");
        assertThat(configured.jira(null, null).toString()).doesNotContain("t0k");
        Assertions.assertThatThrownBy(() -> empty.jira(null, null)).isInstanceOf(ConnectionNotConfiguredException.class)
                .hasMessage("Jira is not configured");
        Assertions.assertThatThrownBy(() -> empty.linear(null, null)).hasMessage("Linear is not configured");
    }

    private static Map<String, Object> text(String text) {
        return Map.of("type", "text", "text", text);
    }

    private static Map<String, Object> item(String text) {
        return Map.of("type", "listItem", "content", List.of(Map.of("type", "paragraph", "content", List.of(text(text)))));
    }
}
