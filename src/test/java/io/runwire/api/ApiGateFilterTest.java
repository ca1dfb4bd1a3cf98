package io.runwire.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiGateFilterTest {

    @Test
    void requestsBeforeTheRoutesHaveStartedGet503WithRetryAfter() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ApiGateFilter filter = new ApiGateFilter(null, null, new ApiErrors(json), json, new DefaultCamelContext(),
                1024);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/users/me");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(json.readTree(response.getContentAsString()).path("error").asText())
                .isEqualTo("Runwire is starting or shutting down; try again in a moment");
        assertThat(chain.getRequest()).as("nothing reached the routes").isNull();
    }
}
