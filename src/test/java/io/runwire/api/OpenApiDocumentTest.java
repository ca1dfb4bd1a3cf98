package io.runwire.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runwire.support.ApiResponse;
import io.runwire.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /api/openapi.json: the REST DSL's own description of every endpoint, public, with the bearer scheme. */
class OpenApiDocumentTest extends ApiTestSupport {

    @Autowired
    CamelContext camelContext;

    @Test
    void theDocumentIsReachableWithoutAKeyAndDescribesEveryRestEndpointBehindTheBearerScheme() {
        ApiResponse document = client(null).get("/api/openapi.json");

        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        JsonNode body = document.body();
        assertThat(body.path("openapi").asText()).startsWith("3.");
        assertThat(body.at("/info/title").asText()).isEqualTo("Runwire API");
        assertThat(body.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(body.path("security").findValues("bearer")).isNotEmpty();
        List<String> expected = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) camelContext).getRestDefinitions()) {
            rest.getVerbs().forEach(verb -> expected.add((rest.getPath() + (verb.getPath() == null ? "" : verb.getPath()))
                    .replaceAll("/$", "")));
        }
        assertThat(expected).contains("/api/incidents/{id}/runbooks/{runbookId}/execute", "/api/workflows/{id}/execute");
        List<String> described = new ArrayList<>();
        body.path("paths").fieldNames().forEachRemaining(described::add);
        assertThat(described).containsAll(expected);
        assertThat(body.at("/paths/~1api~1incidents~1{id}~1runbooks~1{runbookId}~1execute/post")).isNotNull();
    }

    @Test
    void everyOtherApiPathStillWantsAKey() {
        assertThat(client(null).get("/api/incidents").status()).isEqualTo(401);
        assertThat(client(null).post("/api/openapi.json", java.util.Map.of()).status()).isIn(401, 405);
    }
}
