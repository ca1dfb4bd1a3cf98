package io.runwire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorContractTest extends ApiTestSupport {

    @Test
    void malformedJsonIs400SayingWhere() {
        ApiResponse response = admin.send("POST", "/api/teams", "{\"name\": ", "application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Malformed JSON");
        assertThat(response.body().path("details").get(0).asText()).startsWith("line 1, column");
    }

    @Test
    void missingFieldsAre400NamingEachField() {
        ApiResponse response = admin.post("/api/users", Map.of("email", "someone@example.com"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid request body");
        assertThat(response.body().path("details")).extracting(node -> node.asText())
                .containsExactly("firstName: is required", "lastName: is required");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        ApiResponse response = admin.post("/api/teams", Map.of("name", 42));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("details")).extracting(node -> node.asText())
                .containsExactly("name: integer found, string expected");
    }

    @Test
    void unknownFieldsAre400() {
        ApiResponse response = admin.post("/api/teams", Map.of("name", unique("t"), "colour", "blue"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("details")).extracting(node -> node.asText())
                .containsExactly("colour: is not allowed");
    }

    @Test
    void nonObjectBodyIs400() {
        ApiResponse response = admin.send("POST", "/api/teams", "[1, 2]", "application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("details").get(0).asText()).isEqualTo("body: array found, object expected");
    }

    @Test
    void emptyBodyWhereOneIsRequiredIs400() {
        ApiResponse response = admin.send("POST", "/api/teams", null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Request body is required");
    }

    @Test
    void unknownPathIs404Json() {
        ApiResponse response = admin.get("/api/no-such-thing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("No endpoint /api/no-such-thing");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void wrongMethodIs405Json() {
        ApiResponse response = admin.send("PATCH", "/api/teams", "{}", "application/json");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("Method not allowed on /api/teams");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String huge = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";

        ApiResponse response = admin.send("POST", "/api/teams", huge, "application/json");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.error()).isEqualTo("Request body is larger than 1048576 bytes");
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/teams")
                .toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(8192);
        connection.setRequestProperty("Authorization", "Bearer " + ADMIN_TOKEN);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write("{\"name\": \"".getBytes(StandardCharsets.UTF_8));
            out.write("y".repeat(1100 * 1024).getBytes(StandardCharsets.UTF_8));
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(connection.getResponseCode()).isEqualTo(413);
        String body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("Request body is larger than 1048576 bytes");
    }

    @Test
    void nonJsonContentTypeIs415() {
        ApiResponse response = admin.send("POST", "/api/teams", "name=payments", "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error()).isEqualTo("Content-Type must be application/json, not application/x-www-form-urlencoded");
    }

    @Test
    void refusedRequestsChangeNothing() {
        String name = unique("never-created");
        admin.send("POST", "/api/teams", "{\"name\": \"" + name + "\", ", "application/json");
        admin.send("POST", "/api/teams", "name=" + name, "text/plain");
        admin.post("/api/teams", Map.of("name", name, "extra", true));

        Integer teams = jdbc.queryForObject("SELECT count(*) FROM teams WHERE name = ?", Integer.class, name);
        assertThat(teams).isZero();
    }
}
