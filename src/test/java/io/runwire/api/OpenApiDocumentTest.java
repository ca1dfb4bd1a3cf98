package io.runwire.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import io.runwire.schema.JsonSchemas;
import io.runwire.support.ApiResponse;
import io.runwire.support.RunbookTestSupport;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /api/openapi.json: generated from the REST DSL, public, a valid OpenAPI 3.1 document with every endpoint, its
 * request and response schemas and its errors — and the schemas are what the API really answers.
 */
class OpenApiDocumentTest extends RunbookTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS_WITH_BODY = Set.of("post", "put", "patch");
    /** Where routes and beans name the request schema they check a body against (io.runwire.api.RequestBodies). */
    private static final Pattern REQUEST_SCHEMA_USE =
            Pattern.compile("(?:read|validate)\\(['\"]([a-z-]+)['\"]");

    @Autowired
    CamelContext camelContext;

    @Autowired
    OpenApiOperations operations;

    @Test
    void theDocumentIsPublicAndParsesWithSwaggerParserWithoutAMessage() {
        ApiResponse document = client(null).get("/api/openapi.json");

        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        SwaggerParseResult parsed = new OpenAPIParser().readContents(document.rawBody(), null, new ParseOptions());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(parsed.getOpenAPI().getInfo().getTitle()).isEqualTo("Runwire API");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("bearer").getScheme())
                .isEqualTo("bearer");
        assertThat(parsed.getOpenAPI().getSecurity()).anySatisfy(requirement -> assertThat(requirement).containsKey("bearer"));
        assertThat(parsed.getOpenAPI().getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
        // built once: the second answer is the same document
        assertThat(client(null).get("/api/openapi.json").rawBody()).isEqualTo(document.rawBody());
    }

    @Test
    void everyRestRouteIsDescribedWithItsRequestSchemaItsSuccessAndItsErrors() {
        JsonNode document = document();
        Set<String> restRouteIds = new TreeSet<>();
        for (RestDefinition rest : ((ModelCamelContext) camelContext).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                restRouteIds.add(verb.getRouteId());
                String path = (rest.getPath() + (verb.getPath() == null ? "" : verb.getPath())).replaceAll("/$", "");
                String method = verb.asVerb().toLowerCase(Locale.ROOT);
                JsonNode operation = operation(document, path, method);
                String where = method + " " + path + " (" + verb.getRouteId() + ")";

                assertThat(operation.isObject()).as(where).isTrue();
                assertThat(operation.path("operationId").asText()).as(where).isEqualTo(verb.getRouteId());
                assertThat(operation.path("summary").asText()).as(where).isNotBlank();
                List<String> statuses = new ArrayList<>();
                operation.path("responses").fieldNames().forEachRemaining(statuses::add);
                String success = statuses.stream().filter(status -> status.startsWith("2")).findFirst().orElse(null);
                assertThat(success).as(where + " has a 2xx response").isNotNull();
                if (!success.equals("204")) {
                    assertThat(resolves(document, responseSchema(document, operation, success)))
                            .as(where + " 2xx schema").isTrue();
                }
                assertThat(statuses).as(where).contains("401");
                if (path.contains("{")) {
                    assertThat(statuses).as(where).contains("404");
                }
                if (METHODS_WITH_BODY.contains(method)) {
                    assertThat(statuses).as(where).contains("400", "413", "415");
                }
                statuses.stream().filter(status -> status.startsWith("4")).forEach(status ->
                        assertThat(responseSchema(document, operation, status).path("$ref").asText())
                                .as(where + " " + status).isEqualTo("#/components/schemas/responses.error"));
                JsonNode body = operation.at("/requestBody/content/application~1json/schema");
                if (!body.isMissingNode()) {
                    assertThat(METHODS_WITH_BODY).as(where).contains(method);
                    assertThat(resolves(document, body)).as(where + " request schema").isTrue();
                }
            }
        }
        assertThat(restRouteIds).as("REST routes").hasSizeGreaterThan(50)
                .contains("rest-runbook-execute", "rest-workflow-execute", "rest-connection-create");
        // a new endpoint without a description fails here, and so does a description left behind by a removed one
        assertThat(operations.describedRouteIds()).isEqualTo(restRouteIds);
    }

    @Test
    void everySchemaTheRoutesCheckABodyAgainstIsTheRequestBodyOfAnOperation() throws IOException {
        Set<String> checked = new TreeSet<>();
        for (Path root : List.of(Path.of("routes"), Path.of("src/main/java/io/runwire"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher use = REQUEST_SCHEMA_USE.matcher(Files.readString(file));
                    while (use.find()) {
                        checked.add(use.group(1));
                    }
                }
            }
        }
        Set<String> requestBodies = new TreeSet<>();
        document().path("paths").forEach(path -> path.forEach(operation -> {
            String ref = operation.at("/requestBody/content/application~1json/schema/$ref").asText();
            if (!ref.isEmpty()) {
                requestBodies.add(ref.replace("#/components/schemas/", ""));
            }
        }));

        assertThat(checked).contains("team-create", "incident-create", "runbook", "runbook-execute", "workflow");
        assertThat(requestBodies).containsAll(checked);
    }

    @Test
    void realAnswersValidateAgainstTheDocumentsResponseSchemas() {
        JsonNode document = document();
        target.stubFor(post("/openapi-restart").willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        target.stubFor(post("/openapi-notify").willReturn(aResponse().withStatus(202)));

        ApiResponse team = admin.post("/api/teams", Map.of("name", unique("openapi-team"), "slackChannel", "#ops"));
        assertMatches(document, "post", "/api/teams", team);
        String teamId = team.text("/team/id");
        ApiResponse user = admin.post("/api/users",
                Map.of("email", unique("openapi") + "@example.com", "firstName", "Ada", "lastName", "Lovelace"));
        assertMatches(document, "post", "/api/users", user);
        String userId = user.text("/user/id");
        assertMatches(document, "put", "/api/teams/{id}/members/{userId}",
                admin.put("/api/teams/" + teamId + "/members/" + userId, Map.of("role", "RESPONDER")));
        assertMatches(document, "get", "/api/teams/{id}", admin.get("/api/teams/" + teamId));
        assertMatches(document, "get", "/api/teams", admin.get("/api/teams"));
        assertMatches(document, "get", "/api/users/me", admin.get("/api/users/me"));
        ApiResponse key = admin.post("/api/keys", Map.of("name", "openapi key", "userId", userId));
        assertMatches(document, "post", "/api/keys", key);
        assertMatches(document, "get", "/api/keys", admin.get("/api/keys?userId=" + userId));

        ApiResponse incident = admin.post("/api/incidents", Map.of("teamId", teamId, "title", "Checkout is down",
                "priority", "HIGH", "service", "checkout", "metadata", Map.of("region", "eu")));
        assertMatches(document, "post", "/api/incidents", incident);
        String incidentId = incident.text("/incident/id");
        assertMatches(document, "post", "/api/incidents/{id}/acknowledge",
                admin.post("/api/incidents/" + incidentId + "/acknowledge"));
        assertMatches(document, "get", "/api/incidents", admin.get("/api/incidents?teamId=" + teamId));

        ApiResponse runbook = admin.post("/api/runbooks", runbook(teamId, "/openapi-restart", Map.of(
                "webhookAuth", Map.of("type", "bearer", "token", "s3cr3t-openapi"),
                "parameters", Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string"))))));
        assertMatches(document, "post", "/api/runbooks", runbook);
        String runbookId = runbook.text("/runbook/id");
        assertMatches(document, "post", "/api/runbooks/{id}/approve", admin.post("/api/runbooks/" + runbookId + "/approve"));
        assertMatches(document, "get", "/api/runbooks", admin.get("/api/runbooks?teamId=" + teamId));
        assertMatches(document, "get", "/api/runbooks/{id}/versions", admin.get("/api/runbooks/" + runbookId + "/versions"));
        ApiResponse executed = execute(admin, incidentId, runbookId, Map.of("reason", "openapi"));
        assertMatches(document, "post", "/api/incidents/{id}/runbooks/{runbookId}/execute", executed);
        awaitStatus(executed.text("/execution/id"), "SUCCESS");
        ApiResponse execution = admin.get("/api/runbook-executions/" + executed.text("/execution/id"));
        assertThat(execution.body().at("/execution/attemptHistory")).hasSize(1);
        assertMatches(document, "get", "/api/runbook-executions/{id}", execution);
        assertMatches(document, "get", "/api/incidents/{id}/runbooks/executions",
                admin.get("/api/incidents/" + incidentId + "/runbooks/executions"));
        ApiResponse preview = admin.post("/api/incidents/" + incidentId + "/runbooks/" + runbookId + "/preview",
                Map.of("parameters", Map.of("reason", "openapi")));
        assertThat(preview.text("/preview/request/headers/Authorization")).isEqualTo("Bearer ****");
        assertMatches(document, "post", "/api/incidents/{id}/runbooks/{runbookId}/preview", preview);
        ApiResponse signing = admin.post("/api/runbooks/" + runbookId + "/signing-secret");
        assertThat(signing.body().at("/signing/secrets")).hasSize(1);
        assertMatches(document, "post", "/api/runbooks/{id}/signing-secret", signing);
        assertMatches(document, "get", "/api/runbooks/{id}/signing-secret",
                admin.get("/api/runbooks/" + runbookId + "/signing-secret"));

        ApiResponse workflow = admin.post("/api/workflows", Map.of("teamId", teamId, "name", unique("openapi-flow"),
                "enabled", true, "definition", manualWebhookWorkflow()));
        assertMatches(document, "post", "/api/workflows", workflow);
        String workflowId = workflow.text("/workflow/id");
        assertMatches(document, "get", "/api/workflows", admin.get("/api/workflows?teamId=" + teamId));
        assertMatches(document, "get", "/api/workflows/{id}/export", admin.get("/api/workflows/" + workflowId + "/export"));
        ApiResponse walk = admin.post("/api/workflows/" + workflowId + "/preview", Map.of("incidentId", incidentId));
        assertThat(walk.body().at("/preview/nodes")).hasSize(2);
        assertMatches(document, "post", "/api/workflows/{id}/preview", walk);
        ApiResponse run = admin.post("/api/workflows/" + workflowId + "/execute", Map.of("incidentId", incidentId));
        assertMatches(document, "post", "/api/workflows/{id}/execute", run);
        JsonNode finished = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/workflow-executions/" + run.text("/execution/id")).body(),
                        body -> body.at("/execution/status").asText().equals("COMPLETED"));
        assertThat(finished.at("/execution/nodeResults")).hasSize(2);
        assertMatches(document, "get", "/api/workflow-executions/{id}",
                admin.get("/api/workflow-executions/" + run.text("/execution/id")));
        assertMatches(document, "get", "/api/workflows/{id}/analytics",
                admin.get("/api/workflows/" + workflowId + "/analytics"));
        assertMatches(document, "get", "/api/runbooks/{id}/analytics", admin.get("/api/runbooks/" + runbookId + "/analytics"));
        assertMatches(document, "get", "/api/incidents/{id}/workflows/executions",
                admin.get("/api/incidents/" + incidentId + "/workflows/executions"));

        ApiResponse connection = admin.post("/api/connections", Map.of("name", unique("openapi-jira"), "kind", "jira",
                "teamId", teamId, "baseUrl", "https://example.atlassian.net", "email", "ops@example.com",
                "secret", "jira-token-openapi"));
        assertMatches(document, "post", "/api/connections", connection);
        assertMatches(document, "get", "/api/audit", admin.get("/api/audit?teamId=" + teamId));

        // and the error body, from a route and from the gate
        assertMatches(document, "get", "/api/runbooks/{id}", admin.get("/api/runbooks/" + java.util.UUID.randomUUID()));
        assertMatches(document, "post", "/api/teams", admin.post("/api/teams", Map.of("nom", "x")));
        assertMatches(document, "get", "/api/teams", client("not-a-key").get("/api/teams"));
    }

    @Test
    void aRouteChangeRebuildsTheDocumentFromTheRestDslAsItIsThen() throws Exception {
        ModelCamelContext model = (ModelCamelContext) camelContext;
        RestDefinition probe = new RestDefinition().path("/api/openapi-probe");
        probe.get().routeId("rest-openapi-probe").to("direct:openapi-probe");
        document();
        try {
            // in the model only (no HTTP endpoint); the route added beside it is the change that is noticed
            model.addRestDefinitions(List.of(probe), false);
            camelContext.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:openapi-probe").routeId("openapi-probe").log("probe");
                }
            });
            assertThat(document().at("/paths/~1api~1openapi-probe/get/operationId").asText())
                    .isEqualTo("rest-openapi-probe");
        } finally {
            model.getRestDefinitions().remove(probe);
            camelContext.getRouteController().stopRoute("openapi-probe");
            camelContext.removeRoute("openapi-probe");
        }
        assertThat(document().path("paths").has("/api/openapi-probe")).isFalse();
    }

    @Test
    void everyOtherApiPathStillWantsAKey() {
        assertThat(client(null).get("/api/incidents").status()).isEqualTo(401);
        assertThat(client(null).post("/api/openapi.json", Map.of()).status()).isIn(401, 405);
    }

    /** The document's schema for the answer's status validates the answer (formats such as uuid checked too). */
    private static void assertMatches(JsonNode document, String method, String path, ApiResponse response) {
        JsonNode operation = operation(document, path, method);
        String status = String.valueOf(response.status());
        assertThat(operation.path("responses").has(status))
                .as(method + " " + path + " declares " + status + ": " + response).isTrue();
        ObjectNode schema = responseSchema(document, operation, status).deepCopy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("components", document.get("components"));
        JsonSchema validator = JsonSchemas.factory().getSchema(schema,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        Set<ValidationMessage> problems = validator.validate(response.body());
        assertThat(problems).as(method + " " + path + " " + response).isEmpty();
    }

    private static JsonNode operation(JsonNode document, String path, String method) {
        return document.path("paths").path(path).path(method);
    }

    private static JsonNode responseSchema(JsonNode document, JsonNode operation, String status) {
        JsonNode response = operation.path("responses").path(status);
        if (response.has("$ref")) {
            response = document.at(response.get("$ref").asText().substring(1));
        }
        return response.at("/content/application~1json/schema");
    }

    /** Every {@code $ref} in {@code schema} names a part of the document. */
    private static boolean resolves(JsonNode document, JsonNode schema) {
        if (schema.isMissingNode() || schema.isNull()) {
            return false;
        }
        List<String> refs = schema.findValuesAsText("$ref");
        return refs.stream().allMatch(ref -> ref.startsWith("#/") && !document.at(ref.substring(1)).isMissingNode());
    }

    private JsonNode document() {
        ApiResponse document = client(null).get("/api/openapi.json");
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        return document.body();
    }

    private JsonNode manualWebhookWorkflow() {
        try {
            return JSON.readTree("""
                    {"nodes": [
                       {"id": "t", "type": "trigger", "position": {"x": 0, "y": 0}, "data": {"label": "By hand"}},
                       {"id": "wh", "type": "action", "position": {"x": 0, "y": 100},
                        "data": {"actionType": "webhook", "name": "Notify",
                                 "config": {"url": "%s", "auth": {"type": "bearer", "token": "hook-token-openapi"},
                                            "body": "{\\"title\\": $fn.json($incident.title)}"}}}
                     ],
                     "edges": [{"id": "e1", "source": "t", "target": "wh"}],
                     "trigger": {"type": "manual"}}""".formatted(targetUrl("/openapi-notify")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
