package io.runwire.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runwire.support.ApiTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Tomcat refuses before any filter or servlet runs, sent over a raw socket so that no client library
 * normalises the request first: each refusal keeps its status and answers in the API's JSON error shape. Every
 * request carries a valid key, so a refusal that reached the API would show as another status.
 */
class ContainerErrorContractTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of("NUL in the path", "GET /api/incidents/%00 HTTP/1.1", "", 400, "Invalid request path"),
                Arguments.of("encoded slash", "GET /api/runbooks/a%2Fb HTTP/1.1", "", 400, "Invalid request path"),
                Arguments.of("encoded dot-dot segments", "GET /api/incidents/..%2F..%2Fetc HTTP/1.1", "", 400,
                        "Invalid request path"),
                Arguments.of("bad percent-encoding", "GET /api/runbooks/%zz HTTP/1.1", "", 400, "Invalid request path"),
                Arguments.of("raw space in the path", "GET /api/runbooks/a b HTTP/1.1", "", 400,
                        "Malformed request line"),
                Arguments.of("illegal character in the path", "GET /api/runbooks/{id} HTTP/1.1", "", 400,
                        "Malformed request line"),
                Arguments.of("illegal character in the method", "G(T /api/runbooks HTTP/1.1", "", 400,
                        "Malformed request line"),
                Arguments.of("space in a header name", "GET /api/runbooks HTTP/1.1", "Bad Header: x\r\n", 400,
                        "Malformed request header"),
                Arguments.of("control character in a header value", "GET /api/runbooks HTTP/1.1",
                        "X-Note: a\u0001b\r\n", 400, "Malformed request header"),
                Arguments.of("9 KiB header", "GET /api/runbooks HTTP/1.1", "X-Big: " + "h".repeat(9 * 1024) + "\r\n",
                        431, "The request headers are larger than 8192 bytes"),
                Arguments.of("70 KiB URI", "GET /api/runbooks/" + "u".repeat(70 * 1024) + " HTTP/1.1", "", 414,
                        "The request URI is longer than 8192 bytes"),
                Arguments.of("TRACE", "TRACE /api/runbooks HTTP/1.1", "", 405, "Method TRACE is not allowed"),
                Arguments.of("unknown HTTP version", "GET /api/runbooks HTTP/9.9", "", 505,
                        "HTTP version not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void containerRefusalsAnswerInTheJsonErrorShape(String what, String requestLine, String extraHeaders,
                                                    int status, String error) throws IOException {
        String answer = send(requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n"
                + extraHeaders + "Connection: close\r\n\r\n");

        String statusLine = answer.substring(0, answer.indexOf("\r\n"));
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(statusLine).as(answer).startsWith("HTTP/1.1 " + status);
        assertThat(head.toLowerCase()).as(answer).contains("content-type: application/json");
        assertThat(body).as(answer).doesNotContainIgnoringCase("<html");
        JsonNode json = JSON.readTree(body);
        assertThat(json.isObject()).as(body).isTrue();
        assertThat(json.path("error").asText()).as(body).startsWith(error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void containerRefusalsDoNotReachTheApi(String what, String requestLine, String extraHeaders, int status,
                                           String error) throws IOException {
        String answer = send(requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n"
                + extraHeaders + "Connection: close\r\n\r\n");

        // the API's own answers carry a request id; Tomcat refused these before ApiGateFilter gave them one
        assertThat(answer.toLowerCase()).as(answer).doesNotContain("x-request-id");
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
