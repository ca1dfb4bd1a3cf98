package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bare Camel context wired as the service wires it, calling a socket of its own on loopback, and nothing else. */
class OutgoingHttpTest {

    private ServerSocket server;
    private DefaultCamelContext camel;

    @BeforeEach
    void listenOnLoopback() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout(5_000);
    }

    @AfterEach
    void stop() throws IOException {
        if (camel != null) {
            camel.stop();
        }
        server.close();
    }

    @Test
    void aCallToLoopbackIsRefusedBeforeAnyConnectionIsOpened() throws IOException {
        ProducerTemplate template = start(OutgoingHttpProperties.defaults());

        for (String url : List.of("http://127.0.0.1:%d/", "https://127.0.0.1:%d/", "http://localhost:%d/hook")) {
            assertThatThrownBy(() -> template.requestBody(url.formatted(server.getLocalPort()), null, String.class))
                    .as(url)
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(TargetRefusedException.class)
                    .hasMessageContaining("is a loopback address");
        }
        assertNoConnectionWasMade();
    }

    @Test
    void aConnectionManagerSetElsewhereDoesNotReplaceTheGuardedOne() throws IOException {
        ProducerTemplate template = start(OutgoingHttpProperties.defaults(), ComponentCustomizer.forType(HttpComponent.class,
                component -> component.setClientConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build())));

        assertThatThrownBy(() -> template.requestBody("http://127.0.0.1:" + server.getLocalPort() + "/", null, String.class))
                .cause().isInstanceOf(TargetRefusedException.class);
        assertNoConnectionWasMade();
    }

    @Test
    void withAllowPrivateTheSameCallReachesTheServer() {
        ProducerTemplate template = start(new OutgoingHttpProperties(true, null, null, null, null));
        CompletableFuture<String> requestLine = CompletableFuture.supplyAsync(this::answerOneRequest);

        String body = template.requestBody("http://127.0.0.1:" + server.getLocalPort() + "/hook", null, String.class);

        assertThat(body).isEqualTo("ok");
        assertThat(requestLine).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("GET /hook HTTP/1.1");
    }

    @Test
    void anAllowListedHostIsReached() {
        ProducerTemplate template = start(new OutgoingHttpProperties(false, List.of("127.0.0.1"), null, null, null));
        CompletableFuture<String> requestLine = CompletableFuture.supplyAsync(this::answerOneRequest);

        assertThat(template.requestBody("http://127.0.0.1:" + server.getLocalPort() + "/", null, String.class)).isEqualTo("ok");
        assertThat(requestLine).succeedsWithin(Duration.ofSeconds(5));
    }

    /** The endpoint's responseTimeout lives in its RequestConfig, which the shared connection manager leaves alone. */
    @Test
    void theEndpointResponseTimeoutStillAppliesOnTheGuardedConnectionManager() throws Exception {
        ProducerTemplate template = start(new OutgoingHttpProperties(true, null, null, null, null));
        CompletableFuture<Socket> silent = CompletableFuture.supplyAsync(this::acceptAndSayNothing);
        long started = System.nanoTime();

        assertThatThrownBy(() -> template.requestBody(
                "http://127.0.0.1:" + server.getLocalPort() + "/?responseTimeout=300", null, String.class))
                .cause().isInstanceOf(SocketTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        silent.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void aProxyOnTheHttpComponentFailsTheStartWithASentenceSayingWhy() {
        camel = camelWith(OutgoingHttpProperties.defaults(), ComponentCustomizer.forType(HttpComponent.class, component -> {
            component.setProxyHost("127.0.0.1");
            component.setProxyPort(server.getLocalPort());
        }));

        assertThatThrownBy(this::startWithARouteCallingHttp).rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Runwire does not support an outgoing proxy: camel.component.http.proxy-host is set "
                        + "(127.0.0.1), and through a proxy Runwire could check only the proxy's address, not the "
                        + "target's; unset it so that Runwire connects to each target directly");
    }

    @Test
    void aCamelGlobalProxyOptionFailsTheStart() {
        camel = camelWith(OutgoingHttpProperties.defaults());
        camel.getGlobalOptions().put("http.proxyHost", "127.0.0.1");
        camel.getGlobalOptions().put("http.proxyPort", String.valueOf(server.getLocalPort()));

        assertThatThrownBy(this::startWithARouteCallingHttp).rootCause()
                .hasMessageStartingWith("Runwire does not support an outgoing proxy: the Camel global option "
                        + "http.proxyHost is set (127.0.0.1)");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"http.proxyHost, 127.0.0.1", "https.proxyHost, 127.0.0.1", "socksProxyHost, 127.0.0.1",
            "java.net.useSystemProxies, true"})
    void aProxyInTheJavaSystemPropertiesIsNamedAsTheReasonTheStartFails(String property, String value) {
        Properties system = new Properties();
        system.setProperty(property, value);

        assertThat(OutgoingHttp.configuredProxy("http", new HttpComponent(), system)).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("the Java system property " + property));
    }

    @Test
    void withoutAProxySettingNothingIsNamed() {
        Properties system = new Properties();
        system.setProperty("java.net.useSystemProxies", "false");
        system.setProperty("http.proxyHost", " ");

        assertThat(OutgoingHttp.configuredProxy("http", new HttpComponent(), system)).isEmpty();
    }

    /** The proxy is the test's own socket and allow-listed, so only the refusal keeps the call from reaching it. */
    @Test
    void anEndpointWithAProxyOfItsOwnIsRefusedBeforeAnyConnectionIsOpened() throws IOException {
        ProducerTemplate template = start(new OutgoingHttpProperties(false, List.of("127.0.0.1"), null, null, null));
        String url = "http://runbook-target.invalid/hook?proxyHost=127.0.0.1&proxyPort=" + server.getLocalPort();

        assertThatThrownBy(() -> template.requestBody(url, null, String.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(TargetRefusedException.class)
                .hasMessage("Refused to call runbook-target.invalid through the proxy 127.0.0.1:" + server.getLocalPort()
                        + ": Runwire does not support an outgoing proxy, since Runwire could check only the proxy's "
                        + "address, not the target's; remove the proxy options (proxyHost, proxyAuthHost, "
                        + "useSystemProperties) from the http endpoint");
        assertNoConnectionWasMade();
    }

    private void startWithARouteCallingHttp() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call").id("call-http").to("http://runbook-target?followRedirects=false");
            }
        });
        camel.start();
    }

    /** A head sent one byte every 100 ms never trips the 300 ms read timeout; the 500 ms deadline ends the call. */
    @Test
    void theCallDeadlineCutsOffAServerTricklingItsHead() {
        ProducerTemplate template = start(new OutgoingHttpProperties(true, null, null, null, null));
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(this::trickleAHead);
        long started = System.nanoTime();

        CallDeadline.start(Duration.ofMillis(500));
        try {
            assertThatThrownBy(() -> template.requestBody(
                    "http://127.0.0.1:" + server.getLocalPort() + "/?responseTimeout=300", null, String.class))
                    .cause().isInstanceOf(CallDeadlineExceededException.class)
                    .hasMessage("No complete answer within 500 ms");
        } finally {
            CallDeadline.finish();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
        assertThat(trickle).as("the server saw the connection go").succeedsWithin(Duration.ofSeconds(5));
    }

    /** A listener whose accept queue is full drops new handshakes: connecting hangs (10 s connect timeout) until the deadline ends it. */
    @Test
    void theCallDeadlineCutsOffAConnectThatHangs() throws IOException {
        ProducerTemplate template = start(new OutgoingHttpProperties(true, null, null, null, null));
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(full.getLocalSocketAddress(), 200);
                } catch (SocketTimeoutException queueFull) {
                    // the queue was already full
                }
                queued.add(socket);
            }
            long started = System.nanoTime();

            CallDeadline.start(Duration.ofMillis(500));
            try {
                assertThatThrownBy(() -> template.requestBody("http://127.0.0.1:" + full.getLocalPort() + "/", null, String.class))
                        .cause().isInstanceOf(CallDeadlineExceededException.class);
            } finally {
                CallDeadline.finish();
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyReadToItsEndLeavesItsConnectionForTheNextCall() throws IOException {
        ProducerTemplate template = start(new OutgoingHttpProperties(true, null, null, null, null));
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(this::answerOnOneConnection);

        for (int call = 0; call < 3; call++) {
            assertThat(template.requestBody("http://127.0.0.1:" + server.getLocalPort() + "/", null, String.class))
                    .isEqualTo("ok");
        }

        camel.stop();
        assertThat(served).succeedsWithin(Duration.ofSeconds(5)).as("requests answered on the first connection").isEqualTo(3);
        assertNoConnectionWasMade();
    }

    private ProducerTemplate start(OutgoingHttpProperties properties, ComponentCustomizer... others) {
        camel = camelWith(properties, others);
        camel.start();
        return camel.createProducerTemplate();
    }

    private static DefaultCamelContext camelWith(OutgoingHttpProperties properties, ComponentCustomizer... others) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("guardedHttpComponents", OutgoingHttp.guardEveryHttpComponent(properties.guard(), properties));
        for (int i = 0; i < others.length; i++) {
            context.getRegistry().bind("otherCustomizer" + i, others[i]);
        }
        return context;
    }

    private void assertNoConnectionWasMade() throws IOException {
        // a connection would have completed its handshake, and sat in the backlog, before the call returned
        server.setSoTimeout(200);
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }

    private String answerOneRequest() {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String requestLine = in.readLine();
            for (String line = requestLine; line != null && !line.isEmpty(); line = in.readLine()) {
                // the request head ends with an empty line; a GET has no body
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return requestLine;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A status line and headers, one byte every 100 ms, until the client hangs up. */
    private void trickleAHead() {
        try (Socket socket = server.accept()) {
            readHead(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; ; i++) {
                out.write(i < head.length ? head[i] : 'x');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException hungUp) {
            // the client closed the connection: what the test waits for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers every request of the first connection, keeping it open; the number answered when the client leaves. */
    private int answerOnOneConnection() {
        int answered = 0;
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            while (readHead(in) != null) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                answered++;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return answered;
    }

    /** The request line, after reading the rest of the head; null once the client has closed the connection. */
    private static String readHead(BufferedReader in) throws IOException {
        String requestLine = in.readLine();
        for (String line = requestLine; line != null && !line.isEmpty(); line = in.readLine()) {
            // a GET has no body
        }
        return requestLine;
    }

    private Socket acceptAndSayNothing() {
        try {
            return server.accept();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
