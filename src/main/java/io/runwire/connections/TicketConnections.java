package io.runwire.connections;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The connection a jira or linear action node uses: the one it names for its team, otherwise the default from the
 * environment ({@code RUNWIRE_JIRA_*}, {@code RUNWIRE_LINEAR_*}). Without one the node fails with
 * "Jira is not configured" / "Linear is not configured".
 */
@Component("ticketConnections")
public class TicketConnections {

    static final String JIRA = "jira";
    static final String LINEAR = "linear";

    private final String jiraBaseUrl;
    private final String jiraEmail;
    private final String jiraApiToken;
    private final String linearApiUrl;
    private final String linearApiKey;

    public TicketConnections(@Value("${runwire.jira.base-url:}") String jiraBaseUrl,
                             @Value("${runwire.jira.email:}") String jiraEmail,
                             @Value("${runwire.jira.api-token:}") String jiraApiToken,
                             @Value("${runwire.linear.api-url:https://api.linear.app}") String linearApiUrl,
                             @Value("${runwire.linear.api-key:}") String linearApiKey) {
        this.jiraBaseUrl = trimSlash(jiraBaseUrl);
        this.jiraEmail = jiraEmail;
        this.jiraApiToken = jiraApiToken;
        this.linearApiUrl = trimSlash(linearApiUrl);
        this.linearApiKey = linearApiKey;
    }

    /** @param name the node's {@code connection}, or null for the default; @param teamId the workflow execution's team */
    public TicketConnection jira(String name, String teamId) {
        if (name != null && !name.isBlank()) {
            throw new ConnectionNotConfiguredException("Jira is not configured: no connection named '" + name + "'");
        }
        if (jiraBaseUrl.isEmpty() || jiraEmail.isBlank() || jiraApiToken.isBlank()) {
            throw new ConnectionNotConfiguredException("Jira is not configured");
        }
        return new TicketConnection(JIRA, null, jiraBaseUrl, jiraEmail, jiraApiToken);
    }

    public TicketConnection linear(String name, String teamId) {
        if (name != null && !name.isBlank()) {
            throw new ConnectionNotConfiguredException("Linear is not configured: no connection named '" + name + "'");
        }
        if (linearApiUrl.isEmpty() || linearApiKey.isBlank()) {
            throw new ConnectionNotConfiguredException("Linear is not configured");
        }
        return new TicketConnection(LINEAR, null, linearApiUrl, null, linearApiKey);
    }

    private static String trimSlash(String url) {
        String trimmed = url == null ? "" : url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
