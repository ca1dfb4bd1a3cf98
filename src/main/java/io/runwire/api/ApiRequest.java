package io.runwire.api;

import io.runwire.security.Principal;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * Binds what {@link ApiGateFilter} established about a request (who calls, from where, under which request id) to
 * exchange properties, where routes read it as {@code ${exchangeProperty.principal}}. Headers are what clients
 * send; properties are what Runwire knows.
 */
@Component("apiRequest")
public class ApiRequest {

    public static final String PRINCIPAL = "principal";
    public static final String REQUEST_ID = "requestId";
    public static final String CLIENT_IP = "clientIp";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    public void bind(Exchange exchange) {
        HttpServletRequest request = servletRequest(exchange);
        Object principal = request.getAttribute(PRINCIPAL);
        if (!(principal instanceof Principal)) {
            throw new IllegalStateException("an API request reached a route without passing the gate filter");
        }
        exchange.setProperty(PRINCIPAL, principal);
        exchange.setProperty(REQUEST_ID, request.getAttribute(REQUEST_ID));
        exchange.setProperty(CLIENT_IP, request.getRemoteAddr());
        exchange.setProperty(USER_AGENT, request.getHeader("User-Agent"));
    }

    private static HttpServletRequest servletRequest(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        if (message != null) {
            return message.getRequest();
        }
        HttpServletRequest request = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("not an HTTP exchange");
        }
        return request;
    }
}
