package io.runwire.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service, started once per configuration on its embedded PostgreSQL, spoken to over HTTP. Each test
 * creates the teams, users and keys it needs under unique names, so tests run in any order.
 */
@CamelSpringBootTest
// Spring Boot's tests leave metrics export off; /actuator/prometheus is part of the service under test
@AutoConfigureObservability(tracing = false)
// Camel's MBeans as in production (camel-test turns JMX off by default): Hawtio and Jolokia read them
@DisableJmx(false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(RecordedSpans.class)
public abstract class ApiTestSupport {

    protected static final String ADMIN_TOKEN = "test-admin-token";
    /** Where {@link #fault} puts its functions (and a test its own helpers), beside Runwire's schema. */
    protected static final String FAULTS = "test_faults";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private EmbeddedPostgres embeddedPostgres;

    protected ApiClient admin;

    @BeforeEach
    void connectAsAdmin() {
        admin = client(ADMIN_TOKEN);
    }

    /** The embedded cluster's superuser, for what a test sets up beside the service (triggers that fail on cue). */
    protected JdbcTemplate superuser() {
        return new JdbcTemplate(embeddedPostgres.getPostgresDatabase());
    }

    /** A BEFORE trigger on {@code event} running {@code body} for the rows {@code when} picks. */
    protected void fault(String name, String event, String when, String body) {
        String function = FAULTS + "." + name.replace('-', '_') + "_fn";
        superuser().execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$"
                + " BEGIN " + body + " END $$");
        superuser().execute("CREATE TRIGGER " + name.replace('-', '_') + " BEFORE " + event + " FOR EACH ROW WHEN ("
                + when + ") EXECUTE FUNCTION " + function + "()");
    }

    /** Faults are set up beside Runwire's schema, so they own nothing in it. */
    protected void faultsSchema() {
        superuser().execute("CREATE SCHEMA IF NOT EXISTS " + FAULTS);
        superuser().execute("GRANT USAGE ON SCHEMA " + FAULTS + " TO PUBLIC");
    }

    protected ApiClient client(String token) {
        return new ApiClient("http://127.0.0.1:" + port, token);
    }

    protected static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String createTeam() {
        ApiResponse response = admin.post("/api/teams", Map.of("name", unique("team")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("/team/id");
    }

    /** A new user with a key of their own; platform role USER. */
    protected TestUser createUser() {
        String email = unique("user") + "@example.com";
        ApiResponse user = admin.post("/api/users", Map.of("email", email, "firstName", "Test", "lastName", "User"));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String userId = user.text("/user/id");
        ApiResponse key = admin.post("/api/keys", Map.of("name", "test key", "userId", userId));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return new TestUser(userId, email, key.text("/key/token"), key.text("/key/id"), client(key.text("/key/token")));
    }

    protected TestUser createMember(String teamId, String role) {
        TestUser user = createUser();
        ApiResponse membership = admin.put("/api/teams/" + teamId + "/members/" + user.id(), Map.of("role", role));
        assertThat(membership.status()).as(membership.toString()).isEqualTo(200);
        return user;
    }

    protected String createIncident(String teamId) {
        ApiResponse response = admin.post("/api/incidents",
                Map.of("teamId", teamId, "title", "Checkout is down", "priority", "HIGH"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("/incident/id");
    }

    protected List<String> auditActions(String resourceId) {
        return jdbc.queryForList("SELECT action FROM audit_events WHERE resource_id = ? ORDER BY created_at",
                String.class, resourceId);
    }

    public record TestUser(String id, String email, String token, String keyId, ApiClient api) {
    }
}
