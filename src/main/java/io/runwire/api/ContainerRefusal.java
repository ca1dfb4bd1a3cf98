package io.runwire.api;

/**
 * What the servlet container refused before Spring saw the request, as the status and sentence the API answers with.
 * Tomcat says 400 for both a request line and a header section over its buffer: which one overflowed tells 414
 * from 431.
 *
 * @param status  the HTTP status to answer with
 * @param message the sentence of the JSON error
 */
public record ContainerRefusal(int status, String message) {

    static final String TOO_LARGE = "Request header is too large";

    /**
     * @param status          the status Tomcat chose
     * @param problem         Tomcat's reason: what its parser threw, or the message it sent the error with; may be blank
     * @param request         how far Tomcat got with the request before it stopped
     * @param maxHeaderBytes  the limit on the request line and headers together
     */
    public static ContainerRefusal of(int status, String problem, Parsed request, int maxHeaderBytes) {
        problem = problem == null ? "" : problem;
        boolean requestLineRead = request.requestLineRead();
        String method = request.method();
        if (status == 400 && problem.startsWith(TOO_LARGE)) {
            return requestLineRead
                    ? new ContainerRefusal(431, "The request headers are larger than " + maxHeaderBytes + " bytes")
                    : new ContainerRefusal(414, "The request URI is longer than " + maxHeaderBytes + " bytes");
        }
        return switch (status) {
            case 400 -> new ContainerRefusal(400, badRequest(problem, request));
            case 404 -> new ContainerRefusal(404, "No endpoint");
            case 405 -> new ContainerRefusal(405, method == null || method.isBlank()
                    ? "Method not allowed" : "Method " + method + " is not allowed");
            case 501 -> new ContainerRefusal(501, "Method not implemented");
            case 505 -> new ContainerRefusal(505, "HTTP version not supported; use HTTP/1.1");
            default -> new ContainerRefusal(status, status >= 500 ? "Internal error" : "Bad request");
        };
    }

    /** Which part of the request was malformed, in our words: Tomcat's own messages echo the request. */
    private static String badRequest(String problem, Parsed request) {
        if (problem.contains("Invalid URI")) {
            return "Invalid request path: bad percent-encoding, an encoded slash or NUL, or a '..' segment";
        }
        if (problem.contains("method name")) {
            return "Malformed request line: the method is not a valid HTTP token";
        }
        if (problem.contains("HTTP protocol") || problem.contains("request target") || !request.requestLineRead()) {
            return "Malformed request line: the path has a character that is not allowed, such as a space";
        }
        if (!request.hasHost()) {
            return "Malformed request: an HTTP/1.1 request needs a Host header";
        }
        if (problem.contains("header")) {
            return "Malformed request header: a name or value has a character that is not allowed";
        }
        return "Malformed request";
    }

    /**
     * How far Tomcat got with a request it refused.
     *
     * @param requestLineRead whether it had the whole request line (method, target, protocol)
     * @param method          the method, when read
     * @param hasHost         whether a Host header was read
     */
    public record Parsed(boolean requestLineRead, String method, boolean hasHost) {
    }
}
