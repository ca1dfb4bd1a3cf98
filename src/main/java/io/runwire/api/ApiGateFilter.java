package io.runwire.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.security.ApiKeyAuthenticator;
import io.runwire.security.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of {@code /api}: every request is authenticated here, before Camel sees it, and its body is held to
 * the API's rules (size, media type, well-formed JSON). What passes reaches the routes with the caller as a request
 * attribute, which {@link ApiRequest} turns into an exchange property — never into a header a client could send.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiGateFilter extends OncePerRequestFilter {

    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** The API's description is public, like any published API reference: it holds no data. */
    static final String OPENAPI_DOCUMENT = "/api/openapi.json";

    private final ApiKeyAuthenticator authenticator;
    private final ApiRateLimits rateLimits;
    private final ApiErrors apiErrors;
    private final ObjectMapper objectMapper;
    private final CamelContext camelContext;
    private final long maxBodyBytes;

    public ApiGateFilter(ApiKeyAuthenticator authenticator, ApiRateLimits rateLimits, ApiErrors apiErrors,
                         ObjectMapper objectMapper, CamelContext camelContext,
                         @Value("${runwire.api.max-body-bytes:1048576}") long maxBodyBytes) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.camelContext = camelContext;
        this.apiErrors = apiErrors;
        this.objectMapper = objectMapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPENAPI_DOCUMENT.equals(path) && "GET".equals(request.getMethod())) {
            return true;
        }
        return !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(ApiRequest.REQUEST_ID, requestId);
        response.setHeader(ApiRequest.REQUEST_ID_HEADER, requestId);
        try {
            requireRoutesStarted();
            Principal principal = authenticate(request, response);
            request.setAttribute(ApiRequest.PRINCIPAL, principal);
            chain.doFilter(withCheckedBody(request), response);
        } catch (ApiException refused) {
            response.setStatus(refused.status());
            if (refused.status() == 503) {
                response.setHeader("Retry-After", "1");
            } else if (refused instanceof RateLimitExceededException limited) {
                response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            }
            response.setContentType("application/json");
            response.getOutputStream().write(apiErrors.toJson(refused, requestId).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Tomcat takes requests a moment before Camel has added the API's routes, and a moment after Camel stopped:
     * the answer then is "try again", not "no such endpoint".
     */
    private void requireRoutesStarted() {
        if (!camelContext.isStarted()) {
            throw new ApiException(503, "Runwire is starting or shutting down; try again in a moment", null);
        }
    }

    /**
     * The caller, with a token taken from its key's bucket in the same statement; the bucket's state goes out as the
     * {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers-11, and an empty
     * bucket is a 429. A request that fails here is not counted against any key: it has none.
     */
    private Principal authenticate(HttpServletRequest request, HttpServletResponse response) {
        String token = bearerToken(request);
        // the decoded, normalized path (no ;parameters, no %-escapes), as the routes match it
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        RateLimitBucket bucket = rateLimits.bucketFor(request.getMethod(), path);
        if (bucket == null) {
            return authenticator.authenticate(token).orElseThrow(ApiGateFilter::invalidKey);
        }
        ApiKeyAuthenticator.Authenticated caller = authenticator.authenticate(token, bucket)
                .orElseThrow(ApiGateFilter::invalidKey);
        response.setHeader("RateLimit-Policy", bucket.policyField());
        response.setHeader("RateLimit", caller.rateLimit().rateLimitField());
        if (!caller.rateLimit().allowed()) {
            throw new RateLimitExceededException(caller.rateLimit());
        }
        return caller.principal();
    }

    private static ApiException invalidKey() {
        return ApiException.unauthorized("Invalid or revoked API key");
    }

    private static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("Missing API key: send Authorization: Bearer <key>");
        }
        return tokenOf(authorization);
    }

    /** The caller whose API key an {@code Authorization} header carries; {@link ManagementGateFilter} asks it too. */
    static Principal bearer(ApiKeyAuthenticator authenticator, String authorization) {
        return authenticator.authenticate(tokenOf(authorization)).orElseThrow(ApiGateFilter::invalidKey);
    }

    private static String tokenOf(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Authorization must use the Bearer scheme with an API key");
        }
        return authorization.substring(7).trim();
    }

    private HttpServletRequest withCheckedBody(HttpServletRequest request) throws IOException {
        if (!METHODS_WITH_BODY.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return request;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw ApiException.payloadTooLarge(maxBodyBytes);
        }
        byte[] body = readAtMost(request.getInputStream(), maxBodyBytes);
        if (body.length == 0) {
            return new CachedBodyRequest(request, body);
        }
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            throw ApiException.unsupportedMediaType(contentType);
        }
        try {
            objectMapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw ApiException.badRequest("Malformed JSON", List.of(describe(malformed)));
        }
        return new CachedBodyRequest(request, body);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                throw ApiException.payloadTooLarge(limit);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static String describe(JsonProcessingException malformed) {
        String message = malformed.getOriginalMessage();
        if (malformed.getLocation() == null) {
            return message;
        }
        return "line " + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr()
                + ": " + message;
    }
}
