package io.runwire.api;

import io.runwire.management.UserPrincipal;
import io.runwire.security.AdminKeys;
import io.runwire.security.ApiKeyAuthenticator;
import io.runwire.startup.StartupRefusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of {@code /actuator}: everything but health is for platform admins, because Jolokia (and Hawtio on it)
 * reads and writes JMX, and a JMX write is code execution. A caller is a platform admin by an API key
 * ({@code Authorization: Bearer}) or by the session Hawtio's login opened with one ({@code ApiKeyLoginModule}); that
 * key is checked again on every request, so revoking it ends the session. Anonymous is 401, anyone else 403.
 * Cross-origin requests are refused whoever sends them, so no other web page can use an admin's session.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class ManagementGateFilter extends OncePerRequestFilter {

    /** The attribute Hawtio's login ({@code AuthSessionHelpers.setup}) keeps the JAAS subject under. */
    static final String HAWTIO_SUBJECT = "subject";
    /** What Hawtio's browser client needs before it has a session: its login page, its code, the login itself. */
    private static final Set<String> LOGIN_SURFACE = Set.of("/login", "/auth/logout", "/auth/config",
            "/keycloak/enabled", "/user", "/plugin", "/preset-connections");
    private static final Set<String> STATIC_FOLDERS = Set.of("/static/", "/img/");

    private final ApiKeyAuthenticator authenticator;
    private final AdminKeys adminKeys;
    private final ApiErrors apiErrors;
    private final String basePath;
    private final String hawtioPath;

    public ManagementGateFilter(ApiKeyAuthenticator authenticator, AdminKeys adminKeys, ApiErrors apiErrors,
                                @Value("${management.endpoints.web.base-path:/actuator}") String basePath,
                                @Value("${management.server.port:}") String managementPort,
                                @Value("${server.port:8080}") String serverPort) {
        if (!managementPort.isBlank() && !managementPort.equals(serverPort)) {
            throw new StartupRefusal("management.server.port is set: the management endpoints would be served on a"
                    + " port this service's admin check does not guard; remove it, they are for platform admins on"
                    + " the service's own port");
        }
        this.authenticator = authenticator;
        this.adminKeys = adminKeys;
        this.apiErrors = apiErrors;
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        this.hawtioPath = this.basePath + "/hawtio";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        boolean management = path.equals(basePath) || path.startsWith(basePath + "/");
        boolean health = path.equals(basePath + "/health") || path.startsWith(basePath + "/health/");
        return !management || health;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        try {
            refuseCrossOrigin(request);
            if (isLoginSurface(path, request.getMethod())) {
                if (path.equals(hawtioPath + "/auth/login")) {
                    discardSession(request); // the login opens a fresh session: an id planted before it is worthless
                }
                chain.doFilter(request, response);
                return;
            }
            requirePlatformAdmin(request);
            chain.doFilter(request, response);
        } catch (ApiException refused) {
            if (refused.status() == 401 && isHawtioPage(path, request)) {
                response.sendRedirect(request.getContextPath() + hawtioPath + "/login");
                return;
            }
            response.setStatus(refused.status());
            response.setContentType("application/json");
            response.getOutputStream().write(apiErrors.toJson(refused, null).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void requirePlatformAdmin(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            if (!ApiGateFilter.bearer(authenticator, authorization).isPlatformAdmin()) {
                throw ApiException.forbidden(
                        "Only platform admins may use the management endpoints: JMX access runs code");
            }
            return;
        }
        Optional<UserPrincipal> sessionUser = sessionUser(request);
        if (sessionUser.isEmpty()) {
            throw ApiException.unauthorized("Missing API key: send Authorization: Bearer <key>, or log in to Hawtio at "
                    + hawtioPath + " with a platform admin's API key");
        }
        if (!adminKeys.stillValid(sessionUser.get().apiKeyId())) {
            discardSession(request);
            throw ApiException.unauthorized("The API key this Hawtio session was opened with is no longer a valid"
                    + " platform admin key; log in again");
        }
    }

    private static Optional<UserPrincipal> sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(HAWTIO_SUBJECT) instanceof Subject subject)) {
            return Optional.empty();
        }
        return subject.getPrincipals(UserPrincipal.class).stream().findFirst();
    }

    private static void discardSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /**
     * A browser says where a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); anything but this service's
     * own pages is refused, before any session or key is looked at: no CSRF, no cross-origin reads.
     */
    private static void refuseCrossOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            throw crossOrigin();
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !isSameOrigin(origin, request)) {
            throw crossOrigin();
        }
    }

    private static ApiException crossOrigin() {
        return ApiException.forbidden("Cross-origin requests to the management endpoints are refused");
    }

    private static boolean isSameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || !uri.getScheme().equalsIgnoreCase(request.getScheme())) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private boolean isLoginSurface(String path, String method) {
        if (!path.startsWith(hawtioPath + "/")) {
            return false;
        }
        String hawtio = path.substring(hawtioPath.length());
        if (hawtio.equals("/auth/login")) {
            return method.equals("POST");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        return LOGIN_SURFACE.contains(hawtio) || isStaticFile(hawtio);
    }

    /** Hawtio's bundled code, images and worker scripts: public like any web application's, they hold no data. */
    private static boolean isStaticFile(String hawtio) {
        if (STATIC_FOLDERS.stream().anyMatch(hawtio::startsWith)) {
            return true;
        }
        boolean topLevelFile = hawtio.lastIndexOf('/') == 0 && hawtio.indexOf('.') > 0;
        return topLevelFile && !hawtio.equals("/index.html");
    }

    private boolean isHawtioPage(String path, HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return (path.equals(hawtioPath) || path.startsWith(hawtioPath + "/"))
                && request.getMethod().equals("GET") && accept != null && accept.contains("text/html");
    }

    /** The decoded, normalised path the servlet container maps, without the context path and path parameters. */
    private static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
