package io.runwire.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.ApiClient;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hawtio and Jolokia are for platform admins only: JMX write access runs code. An admin logs in to Hawtio with an API
 * key as the password and reads a route's statistics through Jolokia as Hawtio does; anyone else is refused.
 */
class HawtioJolokiaAccessTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = "rest-user-me";

    @Autowired
    private CamelContext camelContext;

    @Test
    void adminLogsInToHawtioAndReadsARestRoutesCompletedExchangesThroughJolokia() throws Exception {
        HawtioBrowser hawtio = new HawtioBrowser();
        HttpResponse<String> login = hawtio.login("ops", ADMIN_TOKEN);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).doesNotContain(ADMIN_TOKEN);
        assertThat(login.headers().firstValue("Set-Cookie")).get().asString()
                .contains("HttpOnly").contains("SameSite=Strict");

        long before = hawtio.jolokia(read("ExchangesCompleted")).path("value").asLong();
        TestUser someone = createUser();
        assertThat(someone.api().get("/api/users/me").status()).isEqualTo(200);
        assertThat(someone.api().get("/api/users/me").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode answer = hawtio.jolokia(read("ExchangesCompleted"));
            assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.path("value").asLong()).isGreaterThanOrEqualTo(before + 2);
        });
        JsonNode direct = JSON.readTree(admin.get("/actuator/jolokia/read/" + routeMBean().replace("\"", "%22") + "/ExchangesCompleted")
                .rawBody());
        assertThat(direct.path("value").asLong()).as("the same agent, with the key as a bearer token")
                .isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void jolokiaRefusesAnonymousAndNonAdminCallers() {
        TestUser responder = createMember(createTeam(), "RESPONDER");
        for (String agent : new String[] {"/actuator/jolokia", "/actuator/hawtio/jolokia"}) {
            ApiResponse anonymous = client(null).send("POST", agent, read("ExchangesCompleted"), "application/json");
            assertThat(anonymous.status()).as(agent).isEqualTo(401);
            assertThat(anonymous.error()).startsWith("Missing API key");

            ApiResponse nonAdmin = responder.api().send("POST", agent, read("ExchangesCompleted"), "application/json");
            assertThat(nonAdmin.status()).as(agent).isEqualTo(403);
            assertThat(nonAdmin.error())
                    .isEqualTo("Only platform admins may use the management endpoints: JMX access runs code");
            assertThat(nonAdmin.rawBody()).doesNotContain("\"value\"");
        }
        assertThat(client("rw_not-a-key").get("/actuator/jolokia/version").status()).isEqualTo(401);
    }

    @Test
    void aNonAdminCannotStopARouteThroughJolokiaNorLogInToHawtio() throws Exception {
        TestUser responder = createMember(createTeam(), "RESPONDER");
        String stop = "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(routeMBean())
                + ",\"operation\":\"stop()\"}";
        try {
            ApiResponse refused = responder.api().send("POST", "/actuator/jolokia", stop, "application/json");
            assertThat(refused.status()).isEqualTo(403);
            ApiResponse viaHawtio = responder.api().send("POST", "/actuator/hawtio/jolokia", stop, "application/json");
            assertThat(viaHawtio.status()).isEqualTo(403);

            assertThat(camelContext.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();
            JsonNode state = JSON.readTree(admin.send("POST", "/actuator/jolokia", read("State"), "application/json")
                    .rawBody());
            assertThat(state.path("value").asText()).isEqualTo("Started");
            assertThat(responder.api().get("/api/users/me").status()).isEqualTo(200);
        } finally {
            if (!camelContext.getRouteController().getRouteStatus(ROUTE).isStarted()) {
                camelContext.getRouteController().startRoute(ROUTE); // the other tests share this context
            }
        }

        HawtioBrowser asResponder = new HawtioBrowser();
        assertThat(asResponder.login("responder", responder.token()).statusCode()).isEqualTo(403);
        assertThat(asResponder.jolokiaStatus(read("State"))).as("no session came of it").isEqualTo(401);
        HawtioBrowser wrongKey = new HawtioBrowser();
        assertThat(wrongKey.login("ops", "hawtio-wrong-key-5531").statusCode()).isEqualTo(403);
        assertThat(wrongKey.jolokiaStatus(read("State"))).isEqualTo(401);
    }

    @Test
    void hawtioIsRefusedAnonymouslyWhileItsLoginPageAndHealthArePublic() {
        ApiResponse page = client(null).get("/actuator/hawtio");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.error()).contains("log in to Hawtio at /actuator/hawtio");

        ApiResponse browser = client(null).withHeader("Accept", "text/html").get("/actuator/hawtio/");
        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).get().asString().endsWith("/actuator/hawtio/login");
        ApiResponse loginPage = client(null).withHeader("Accept", "text/html").get("/actuator/hawtio/login");
        assertThat(loginPage.status()).isEqualTo(200);
        assertThat(loginPage.rawBody()).contains("<html");

        assertThat(client(null).get("/actuator/health").status()).isEqualTo(200);
        assertThat(client(null).get("/actuator/health/liveness").status()).isEqualTo(200);
        for (String path : new String[] {"/actuator", "/actuator/info", "/actuator/hawtio/index.html",
                                         "/actuator/hawtio/auth/config/session-timeout?t=1"}) {
            assertThat(client(null).get(path).status()).as(path).isEqualTo(401);
        }
        for (String path : new String[] {"/actuator/health/../jolokia/version", "/actuator/health/..;/jolokia/version",
                                         "/actuator/health/%2e%2e/jolokia/version"}) {
            assertThat(client(null).get(path).status()).as(path).isIn(400, 401, 404);
        }
    }

    @Test
    void revokingTheKeyEndsTheHawtioSessionOpenedWithIt() throws Exception {
        ApiResponse user = admin.post("/api/users", Map.of("email", unique("ops") + "@example.com",
                "firstName", "Olga", "lastName", "Ops", "platformRole", "ADMIN"));
        ApiResponse key = admin.post("/api/keys", Map.of("name", "hawtio", "userId", user.text("/user/id")));
        HawtioBrowser hawtio = new HawtioBrowser();
        assertThat(hawtio.login("olga", key.text("/key/token")).statusCode()).isEqualTo(200);
        assertThat(hawtio.jolokiaStatus(read("State"))).isEqualTo(200);

        assertThat(admin.delete("/api/keys/" + key.text("/key/id")).status()).isEqualTo(204);

        assertThat(hawtio.jolokiaStatus(read("State"))).isEqualTo(401);
        assertThat(hawtio.jolokiaStatus(read("State"))).as("the session is gone, not just refused once")
                .isEqualTo(401);
    }

    @Test
    void crossOriginRequestsAreRefusedAndJolokiaAnswersNoCors() throws Exception {
        ApiClient fromElsewhere = admin.withHeader("Origin", "http://evil.example");
        assertThat(fromElsewhere.get("/actuator/jolokia/version").status()).isEqualTo(403);
        assertThat(fromElsewhere.get("/actuator/jolokia/version").error())
                .isEqualTo("Cross-origin requests to the management endpoints are refused");
        ApiResponse preflight = client(null).withHeader("Origin", "http://evil.example")
                .withHeader("Access-Control-Request-Method", "POST").send("OPTIONS", "/actuator/jolokia", null, null);
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HawtioBrowser hawtio = new HawtioBrowser();
        assertThat(hawtio.login("ops", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(hawtio.jolokiaStatus(read("State"), "Sec-Fetch-Site", "same-site"))
                .as("a page on another port of this host, sending the admin's cookie").isEqualTo(403);
        assertThat(hawtio.jolokiaStatus(read("State"), "Origin", "http://127.0.0.1:1")).isEqualTo(403);

        ApiResponse sameOrigin = admin.withHeader("Origin", "http://127.0.0.1:" + port)
                .withHeader("Sec-Fetch-Site", "same-origin").get("/actuator/jolokia/version");
        assertThat(sameOrigin.status()).isEqualTo(200);
        assertThat(sameOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(sameOrigin.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void jolokiaRelaysNothingToAnotherAgentAndHasNoDiscovery() throws Exception {
        try (ServerSocket otherAgent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String proxied = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\","
                    + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:" + otherAgent.getLocalPort()
                    + "/jmxrmi\"}}";
            admin.send("POST", "/actuator/jolokia", proxied, "application/json");

            otherAgent.setSoTimeout(300);
            assertThat(accepted(otherAgent)).as("Jolokia connected to the target it was asked to relay to").isFalse();
        }
        assertThat(onClasspath("org.jolokia.service.jsr160.Jsr160RequestHandler")).isFalse();
        assertThat(onClasspath("org.jolokia.service.discovery.DiscoveryMulticastResponder")).isFalse();
        JsonNode version = JSON.readTree(admin.get("/actuator/jolokia/version").rawBody());
        assertThat(version.at("/value/config/discoveryEnabled").asText()).isEqualTo("false");
    }

    private static boolean accepted(ServerSocket socket) throws IOException {
        try (Socket ignored = socket.accept()) {
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private String routeMBean() {
        return "org.apache.camel:context=" + camelContext.getManagementName() + ",type=routes,name=\"" + ROUTE + "\"";
    }

    private String read(String attribute) {
        try {
            return JSON.writeValueAsString(Map.of("type", "read", "mbean", routeMBean(), "attribute", attribute));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Hawtio's page does: log in with a form, then talk to Jolokia through {@code /actuator/hawtio/jolokia}. */
    private final class HawtioBrowser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> login(String username, String apiKey) throws Exception {
            String form = JSON.writeValueAsString(Map.of("username", username, "password", apiKey));
            return send(request("/actuator/hawtio/auth/login").POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        JsonNode jolokia(String body) throws Exception {
            HttpResponse<String> response = send(request("/actuator/hawtio/jolokia")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        int jolokiaStatus(String body, String... headers) throws Exception {
            HttpRequest.Builder request = request("/actuator/hawtio/jolokia")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request).statusCode();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
