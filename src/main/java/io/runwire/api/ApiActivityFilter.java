package io.runwire.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the {@code /api} requests in flight for {@link ApiActivity}. It runs after {@link ApiGateFilter}, so only
 * requests with a valid key count: a flood of unauthenticated requests cannot hold the workflow engine to its
 * smaller share.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class ApiActivityFilter extends OncePerRequestFilter {

    private final ApiActivity activity;

    public ApiActivityFilter(ApiActivity activity) {
        this.activity = activity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        activity.started();
        try {
            chain.doFilter(request, response);
        } finally {
            activity.finished();
        }
    }
}
