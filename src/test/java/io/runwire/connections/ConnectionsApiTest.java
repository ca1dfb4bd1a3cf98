package io.runwire.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.crypto.SecretCipher;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** /api/connections: a team's Jira and Linear connections, their secrets encrypted and never shown. */
class ConnectionsApiTest extends ApiTestSupport {

    private static final String TOKEN = "jira-api-token-Zq81";

    @Autowired
    SecretCipher cipher;

    @Autowired
    TicketConnections ticketConnections;

    @Test
    void aConnectionSecretFromBeforeBindingStillWorksAndTheReencryptJobBindsIt() throws Exception {
        String teamId = createTeam();
        String name = unique("legacy-jira");
        String id = admin.post("/api/connections", jira(teamId, name, TOKEN)).text("/connection/id");
        byte[] key = java.util.Base64.getDecoder().decode(
                java.nio.file.Files.readString(java.nio.file.Path.of("target/test-data/encryption.key")).strip());
        jdbc.update("UPDATE connections SET secret = ? WHERE id = ?::uuid", io.runwire.support.LegacyCiphertext.v1(key, TOKEN), id);
        assertThat(ticketConnections.jira(name, teamId).secret()).isEqualTo(TOKEN);

        ApiResponse reencrypted = admin.post("/api/admin/encryption/re-encrypt");

        assertThat(reencrypted.status()).as(reencrypted.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT secret FROM connections WHERE id = ?::uuid", String.class, id))
                .startsWith("v2:" + cipher.currentKeyId() + ":");
        assertThat(ticketConnections.jira(name, teamId).secret()).isEqualTo(TOKEN);
        assertThat(reencrypted.rawBody()).doesNotContain(TOKEN);
    }

    @Test
    void aTeamAdminStoresAConnectionWhoseSecretIsEncryptedAndShownAsStars() {
        String teamId = createTeam();
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");
        String name = unique("acme-jira");

        ApiResponse created = teamAdmin.api().post("/api/connections", jira(teamId, name, TOKEN));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode connection = created.body().path("connection");
        assertThat(connection.path("name").asText()).isEqualTo(name);
        assertThat(connection.path("kind").asText()).isEqualTo("jira");
        assertThat(connection.path("teamId").asText()).isEqualTo(teamId);
        assertThat(connection.path("baseUrl").asText()).isEqualTo("https://acme.atlassian.net");
        assertThat(connection.path("email").asText()).isEqualTo("bot@acme.example");
        assertThat(connection.path("secret").asText()).isEqualTo("****");
        String id = connection.path("id").asText();
        ApiResponse read = createUser().api().get("/api/connections/" + id);
        ApiResponse listed = admin.get("/api/connections?teamId=" + teamId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().at("/connection/secret").asText()).isEqualTo("****");
        assertThat(listed.body().path("connections")).hasSize(1);
        assertThat(listed.body().at("/connections/0/secret").asText()).isEqualTo("****");
        String stored = jdbc.queryForObject("SELECT secret FROM connections WHERE id = ?::uuid", String.class, id);
        assertThat(stored).doesNotContain(TOKEN);
        assertThat(cipher.decrypt(stored, io.runwire.crypto.SecretPlace.connectionSecret(id))).isEqualTo(TOKEN);
        // bound to its row: under another connection's id it does not decrypt
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                cipher.decrypt(stored, io.runwire.crypto.SecretPlace.connectionSecret(java.util.UUID.randomUUID())))
                .hasMessageContaining("could not be decrypted").hasMessageNotContaining(TOKEN);
        assertThat(created.rawBody() + read.rawBody() + listed.rawBody()).doesNotContain(TOKEN);
        String audit = jdbc.queryForObject("SELECT metadata::text FROM audit_events WHERE resource_id = ? AND action = 'connection.created'",
                String.class, id);
        assertThat(audit).contains(name).doesNotContain(TOKEN);
        assertThat(ticketConnections.jira(name, teamId).secret()).isEqualTo(TOKEN);
    }

    @Test
    void onlyTheTeamsAdminsManageItsConnectionsAndOnlyPlatformAdminsGlobalOnes() {
        String teamId = createTeam();
        TestUser responder = createMember(teamId, "RESPONDER");
        TestUser otherAdmin = createMember(createTeam(), "TEAM_ADMIN");
        TestUser teamAdmin = createMember(teamId, "TEAM_ADMIN");

        ApiResponse byResponder = responder.api().post("/api/connections", jira(teamId, unique("j"), TOKEN));
        ApiResponse byOtherAdmin = otherAdmin.api().post("/api/connections", jira(teamId, unique("j"), TOKEN));
        ApiResponse globalByTeamAdmin = teamAdmin.api().post("/api/connections", jira(null, unique("j"), TOKEN));
        ApiResponse globalByAdmin = admin.post("/api/connections", jira(null, unique("j"), TOKEN));
        String teamConnection = teamAdmin.api().post("/api/connections", jira(teamId, unique("j"), TOKEN))
                .text("/connection/id");
        ApiResponse deleteByResponder = responder.api().delete("/api/connections/" + teamConnection);
        ApiResponse updateGlobalByTeamAdmin = teamAdmin.api().put("/api/connections/" + globalByAdmin.text("/connection/id"),
                jira(null, unique("j"), "****"));

        assertThat(byResponder.status()).isEqualTo(403);
        assertThat(byResponder.error()).contains("TEAM_ADMIN");
        assertThat(byOtherAdmin.status()).isEqualTo(403);
        assertThat(globalByTeamAdmin.status()).isEqualTo(403);
        assertThat(globalByTeamAdmin.error()).contains("platform admins");
        assertThat(globalByAdmin.status()).as(globalByAdmin.toString()).isEqualTo(201);
        assertThat(deleteByResponder.status()).isEqualTo(403);
        assertThat(updateGlobalByTeamAdmin.status()).isEqualTo(403);
    }

    @Test
    void anUpdateWithStarsKeepsTheSecretAndKindAndTeamStay() {
        String teamId = createTeam();
        String name = unique("linear");
        ApiResponse created = admin.post("/api/connections", linear(teamId, name, "lin_api_first"));
        String id = created.text("/connection/id");

        ApiResponse renamed = admin.put("/api/connections/" + id, linear(teamId, name + "-2", "****"));
        ApiResponse kindChanged = admin.put("/api/connections/" + id, jira(teamId, name, "****"));
        ApiResponse newSecret = admin.put("/api/connections/" + id, linear(teamId, name + "-2", "lin_api_second"));

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.body().at("/connection/name").asText()).isEqualTo(name + "-2");
        assertThat(kindChanged.status()).isEqualTo(400);
        assertThat(kindChanged.body().path("details").toString()).contains("cannot change");
        assertThat(newSecret.status()).isEqualTo(200);
        assertThat(ticketConnections.linear(name + "-2", teamId).secret()).isEqualTo("lin_api_second");
        assertThat(auditActions(id)).containsExactly("connection.created", "connection.updated", "connection.updated");
        assertThat(jdbc.queryForList("SELECT metadata::text FROM audit_events WHERE resource_id = ?", String.class, id))
                .allSatisfy(metadata -> assertThat(metadata).doesNotContain("lin_api_"));
    }

    @Test
    void aNameIsTakenOncePerKindInATeamAndADeletedConnectionIsGone() {
        String teamId = createTeam();
        String name = unique("shared");
        String id = admin.post("/api/connections", jira(teamId, name, TOKEN)).text("/connection/id");

        ApiResponse again = admin.post("/api/connections", jira(teamId, name, TOKEN));
        ApiResponse otherKind = admin.post("/api/connections", linear(teamId, name, "lin_api_x"));
        ApiResponse otherTeam = admin.post("/api/connections", jira(createTeam(), name, TOKEN));
        ApiResponse deleted = admin.delete("/api/connections/" + id);

        assertThat(again.status()).isEqualTo(409);
        assertThat(otherKind.status()).isEqualTo(201);
        assertThat(otherTeam.status()).isEqualTo(201);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get("/api/connections/" + id).status()).isEqualTo(404);
        assertThat(auditActions(id)).containsExactly("connection.created", "connection.deleted");
    }

    @Test
    void aConnectionNeedsAnHttpUrlAndJiraAnEmail() {
        String teamId = createTeam();
        Map<String, Object> noEmail = jira(teamId, unique("j"), TOKEN);
        noEmail.remove("email");
        Map<String, Object> ftp = jira(teamId, unique("j"), TOKEN);
        ftp.put("baseUrl", "ftp://acme.example");
        Map<String, Object> starsOnCreate = jira(teamId, unique("j"), "****");

        ApiResponse missingEmail = admin.post("/api/connections", noEmail);
        ApiResponse notHttp = admin.post("/api/connections", ftp);
        ApiResponse stars = admin.post("/api/connections", starsOnCreate);

        assertThat(missingEmail.status()).isEqualTo(400);
        assertThat(missingEmail.body().path("details").toString()).contains("email");
        assertThat(notHttp.status()).isEqualTo(400);
        assertThat(notHttp.body().path("details").toString()).contains("baseUrl");
        assertThat(stars.status()).isEqualTo(400);
    }

    static Map<String, Object> jira(String teamId, String name, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", "jira");
        body.put("teamId", teamId);
        body.put("baseUrl", "https://acme.atlassian.net/");
        body.put("email", "bot@acme.example");
        body.put("secret", secret);
        return body;
    }

    static Map<String, Object> linear(String teamId, String name, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", "linear");
        body.put("teamId", teamId);
        body.put("baseUrl", "https://api.linear.app");
        body.put("secret", secret);
        return body;
    }
}
