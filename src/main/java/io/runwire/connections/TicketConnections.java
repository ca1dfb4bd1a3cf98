package io.runwire.connections;

import io.runwire.crypto.SecretCipher;
import io.runwire.crypto.SecretPlace;
import io.runwire.db.SqlFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The connection a jira or linear action node uses: the one it names — its team's, else a global one of that name
 * (/api/connections) — otherwise the default from the environment ({@code RUNWIRE_JIRA_*}, {@code RUNWIRE_LINEAR_*}).
 * Without one the node fails with "Jira is not configured" / "Linear is not configured".
 */
@Component("ticketConnections")
public class TicketConnections {

    static final String JIRA = "jira";
    static final String LINEAR = "linear";

    private final NamedParameterJdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final String jiraBaseUrl;
    private final String jiraEmail;
    private final String jiraApiToken;
    private final String linearApiUrl;
    private final String linearApiKey;

    public TicketConnections(NamedParameterJdbcTemplate jdbc, SecretCipher cipher,
                             @Value("${runwire.jira.base-url:}") String jiraBaseUrl,
                             @Value("${runwire.jira.email:}") String jiraEmail,
                             @Value("${runwire.jira.api-token:}") String jiraApiToken,
                             @Value("${runwire.linear.api-url:https://api.linear.app}") String linearApiUrl,
                             @Value("${runwire.linear.api-key:}") String linearApiKey) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.jiraBaseUrl = trimSlash(jiraBaseUrl);
        this.jiraEmail = jiraEmail;
        this.jiraApiToken = jiraApiToken;
        this.linearApiUrl = trimSlash(linearApiUrl);
        this.linearApiKey = linearApiKey;
    }

    /** @param name the node's {@code connection}, or null for the default; @param teamId the workflow execution's team */
    public TicketConnection jira(String name, String teamId) {
        if (name != null && !name.isBlank()) {
            return stored(JIRA, name, teamId, "Jira");
        }
        if (jiraBaseUrl.isEmpty() || jiraEmail.isBlank() || jiraApiToken.isBlank()) {
            throw new ConnectionNotConfiguredException("Jira is not configured");
        }
        return new TicketConnection(JIRA, null, jiraBaseUrl, jiraEmail, jiraApiToken);
    }

    public TicketConnection linear(String name, String teamId) {
        if (name != null && !name.isBlank()) {
            return stored(LINEAR, name, teamId, "Linear");
        }
        if (linearApiUrl.isEmpty() || linearApiKey.isBlank()) {
            throw new ConnectionNotConfiguredException("Linear is not configured");
        }
        return new TicketConnection(LINEAR, null, linearApiUrl, null, linearApiKey);
    }

    private TicketConnection stored(String kind, String name, String teamId, String service) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("kind", kind);
        parameters.put("name", name);
        parameters.put("teamId", teamId);
        List<TicketConnection> found = jdbc.query(SqlFiles.load("connection-for-action"), parameters,
                (row, i) -> new TicketConnection(kind, name, trimSlash(row.getString("baseUrl")), row.getString("email"),
                        cipher.decrypt(row.getString("secret"), SecretPlace.connectionSecret(row.getObject("id")))));
        if (found.isEmpty()) {
            throw new ConnectionNotConfiguredException(service + " is not configured: no connection named '" + name + "'");
        }
        return found.get(0);
    }

    static String trimSlash(String url) {
        String trimmed = url == null ? "" : url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
