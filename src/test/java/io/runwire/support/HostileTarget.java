package io.runwire.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A target that answers every request on a loopback port with the same hostile answer: a body far larger than anyone
 * should read, a gzip bomb, or one byte now and then. It writes the answer straight onto the socket and counts the
 * body bytes the socket accepted, so a test sees how much of the answer Runwire actually took in before it hung up.
 */
public final class HostileTarget implements AutoCloseable {

    /** What one connection saw: body bytes the socket accepted and how long the peer kept the connection open. */
    public record Connection(long bodyBytesAccepted, Duration open) {
    }

    private interface Answer {
        void write(OutputStream socket, AtomicLong accepted) throws IOException;
    }

    /** Small, so what the kernel holds for a peer that stopped reading is small next to what a drain would read. */
    private static final int SEND_BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final Answer answer;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hostile-target");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Connection> closed = new CopyOnWriteArrayList<>();
    private final List<AtomicLong> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private HostileTarget(Answer answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        connections.execute(this::acceptAll);
    }

    /** {@code bytes} of lowercase letters ({@link #letters(int)}) with a Content-Length, as fast as the socket takes them. */
    public static HostileTarget hugeBody(long bytes) throws IOException {
        return new HostileTarget((socket, accepted) -> {
            head(socket, "Content-Type: text/plain; charset=UTF-8\r\nContent-Length: " + bytes + "\r\n");
            byte[] chunk = letters(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                int length = (int) Math.min(chunk.length, bytes - sent);
                socket.write(chunk, 0, length);
                accepted.addAndGet(length);
            }
        });
    }

    /**
     * A gzip body of {@code gibibytes} GiB of zeros, about 1 MiB compressed per GiB: the same 64 MiB member over and
     * over (a gzip stream may hold many), compressed once here so serving it costs nothing.
     */
    public static HostileTarget gzipBomb(int gibibytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int mebibyte = 0; mebibyte < 64; mebibyte++) {
                gzip.write(zeros);
            }
        }
        byte[] member = compressed.toByteArray();
        long members = gibibytes * 16L;
        return new HostileTarget((socket, accepted) -> {
            head(socket, "Content-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + members * member.length + "\r\n");
            for (long sent = 0; sent < members; sent++) {
                socket.write(member);
                accepted.addAndGet(member.length);
            }
        });
    }

    /** A prompt head announcing a large body, then one byte of it every {@code interval}: never silent for long. */
    public static HostileTarget trickle(Duration interval) throws IOException {
        return new HostileTarget((socket, accepted) -> {
            head(socket, "Content-Type: text/plain\r\nContent-Length: 1000000\r\n");
            while (true) {
                socket.write('x');
                socket.flush();
                accepted.incrementAndGet();
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    /** The first {@code length} characters of the body {@link #hugeBody} sends: a, b, ..., z, a, b, ... */
    public static String letters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    /** The connections that ended, from the target's side: the peer hung up or the whole answer was written. */
    public List<Connection> closedConnections() {
        return List.copyOf(closed);
    }

    /** Body bytes the sockets accepted so far, over all connections, ended or not. */
    public long bodyBytesAccepted() {
        return accepted.stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        connections.shutdownNow();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closedDown) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        long openedAt = System.nanoTime();
        AtomicLong accepted = new AtomicLong();
        this.accepted.add(accepted);
        open.add(socket);
        try (socket) {
            socket.setSendBufferSize(SEND_BUFFER);
            readRequest(socket.getInputStream());
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            answer.write(out, accepted);
            out.flush();
            // the whole answer is out: wait for the peer to hang up, as a server holding a connection open would
            socket.getInputStream().read();
        } catch (IOException peerHungUp) {
            // what this target is here to see: a reset or broken pipe as Runwire drops the connection
        } finally {
            open.remove(socket);
            closed.add(new Connection(accepted.get(), Duration.ofNanos(System.nanoTime() - openedAt)));
        }
    }

    private static void head(OutputStream socket, String headers) throws IOException {
        socket.write(("HTTP/1.1 200 OK\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The request head, then as many body bytes as its Content-Length announces. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        long contentLength = 0;
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String header = line.toString().strip();
            line.setLength(0);
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring("content-length:".length()).strip());
            }
        }
        in.readNBytes((int) contentLength);
    }
}
