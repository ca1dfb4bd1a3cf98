package io.runwire.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.ObjectHelper;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * OAuth2 client-credentials tokens for targets, cached until shortly before they expire. The token request itself
 * is the route {@code oauth2-client-credentials} (routes/oauth2.yaml), so it goes through the same guarded HTTP.
 */
@Component("oauth2Tokens")
public class OAuth2Tokens {

    /** Tokens are renewed this long before they expire, so none expires mid-call. */
    private static final Duration EARLY = Duration.ofSeconds(30);
    /** For servers that do not say how long a token lives. */
    private static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(5);
    /** A token reply is a few hundred bytes of JSON; more than this is not read, whatever the server has to say. */
    static final int LARGEST_REPLY_BYTES = 64 * 1024;

    private record Cached(String token, Instant renewAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ProducerTemplate producer;
    private final ObjectMapper objectMapper;
    private final Clock clock = Clock.systemUTC();

    public OAuth2Tokens(@Lazy ProducerTemplate producer, ObjectMapper objectMapper) {
        this.producer = producer;
        this.objectMapper = objectMapper;
    }

    public String token(JsonNode auth) {
        String key = String.join("\n", auth.path("tokenUrl").asText(), auth.path("clientId").asText(),
                auth.path("scope").asText(""), auth.path("audience").asText(""),
                Integer.toHexString(auth.path("clientSecret").asText().hashCode()));
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.token();
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("tokenUrl", auth.path("tokenUrl").asText());
        request.put("form", form(auth));
        request.put("authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (urlEncode(auth.path("clientId").asText()) + ":" + urlEncode(auth.path("clientSecret").asText()))
                        .getBytes(StandardCharsets.UTF_8)));
        Cached fresh = parse(request(request));
        cache.put(key, fresh);
        return fresh.token();
    }

    /**
     * The token endpoint's answer, read by the route {@code oauth2-client-credentials} straight off the connection:
     * at most {@value #LARGEST_REPLY_BYTES} bytes of it; the rest is never read, the connection dropped with it.
     */
    public String reply(int status, InputStream body) throws IOException {
        try (InputStream answer = body == null ? InputStream.nullInputStream() : body) {
            if (status < 200 || status >= 300) {
                throw new IllegalStateException("The OAuth2 token endpoint answered HTTP " + status);
            }
            byte[] reply = answer.readNBytes(LARGEST_REPLY_BYTES + 1);
            if (reply.length > LARGEST_REPLY_BYTES) {
                throw new IllegalStateException("The OAuth2 token endpoint answered more than "
                        + LARGEST_REPLY_BYTES / 1024 + " KiB");
            }
            return new String(reply, StandardCharsets.UTF_8);
        }
    }

    private String request(Map<String, String> request) {
        Exchange answered = producer.send("direct:oauth2-client-credentials", exchange -> {
            // Camel 4 would otherwise copy the reply whole into a stream cache before the step that reads 64 KiB of it
            exchange.getExchangeExtension().setStreamCacheDisabled(true);
            exchange.getIn().setBody(request);
        });
        Exception failure = answered.getException();
        if (failure == null) {
            return answered.getMessage().getBody(String.class);
        }
        // what is wrong with the reply, in its own words; I/O failures stay wrapped, to be judged by what they wrap
        IllegalStateException refused = ObjectHelper.getException(IllegalStateException.class, failure);
        if (refused != null) {
            throw refused;
        }
        throw CamelExecutionException.wrapCamelExecutionException(answered, failure);
    }

    private static String form(JsonNode auth) {
        StringJoiner form = new StringJoiner("&");
        form.add("grant_type=client_credentials");
        if (auth.hasNonNull("scope") && !auth.get("scope").asText().isBlank()) {
            form.add("scope=" + urlEncode(auth.get("scope").asText()));
        }
        if (auth.hasNonNull("audience") && !auth.get("audience").asText().isBlank()) {
            form.add("audience=" + urlEncode(auth.get("audience").asText()));
        }
        return form.toString();
    }

    private Cached parse(String response) {
        JsonNode token;
        try {
            token = objectMapper.readTree(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The OAuth2 token endpoint did not answer JSON");
        }
        String accessToken = token.path("access_token").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalStateException("The OAuth2 token endpoint answered without an access_token");
        }
        Duration lifetime = token.hasNonNull("expires_in")
                ? Duration.ofSeconds(token.get("expires_in").asLong()) : UNSTATED_LIFETIME;
        Instant renewAt = clock.instant().plus(lifetime).minus(EARLY);
        return new Cached(accessToken, renewAt);
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
