package io.runwire.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged Runwire jar as a separate JVM: started with the drill's environment and arguments, its output in a log
 * file of its own per start, killed with SIGKILL or stopped with SIGTERM, started again on the same data directory.
 */
public final class RunwireProcess implements AutoCloseable {

    /** Exit codes of a JVM ended by a signal: 128 + the signal's number. */
    public static final int KILLED_BY_SIGKILL = 128 + 9;
    public static final int ENDED_BY_SIGTERM = 128 + 15;

    private static final Set<RunwireProcess> STARTED = ConcurrentHashMap.newKeySet();
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static {
        // a drill interrupted half-way leaves no JVM (nor its PostgreSQL) behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(RunwireProcess::close)));
    }

    private final String name;
    private final Path jar;
    private final Path logDirectory;
    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private Process process;
    private int starts;
    private Path workingDirectory;

    private RunwireProcess(String name, Path jar, Path logDirectory, Path dataDirectory, int port,
                           Map<String, String> environment, List<String> arguments) {
        this.name = name;
        this.jar = jar;
        this.logDirectory = logDirectory;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.environment = environment;
        this.arguments = arguments;
    }

    /**
     * A Runwire on {@code port} with its data in {@code dataDirectory}; {@code arguments} are {@code --name=value}
     * property overrides.
     */
    public static RunwireProcess of(String name, Path jar, Path logDirectory, Path dataDirectory, int port,
                                    String adminToken, Map<String, String> extraEnvironment, List<String> arguments) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RUNWIRE_DATA_DIR", dataDirectory.toAbsolutePath().toString());
        environment.put("RUNWIRE_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        environment.put("PORT", Integer.toString(port));
        environment.put("RUNWIRE_HTTP_ALLOW_PRIVATE", "true");
        environment.putAll(extraEnvironment);
        List<String> allArguments = new ArrayList<>();
        allArguments.add("--server.address=127.0.0.1");
        allArguments.addAll(arguments);
        return new RunwireProcess(name, jar, logDirectory, dataDirectory, port, environment, allArguments);
    }

    /** Starts the JVM in {@code directory} instead of this one (the source tree, whose ./routes it would load). */
    public RunwireProcess workingIn(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path currentLog() {
        return logDirectory.resolve(name + "-" + starts + ".log");
    }

    /** Starts the JVM (again, on the same data directory); does not wait for it. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        Files.createDirectories(logDirectory);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(currentLog().toFile());
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            Files.createDirectories(workingDirectory);
            builder.directory(workingDirectory.toFile());
        }
        process = builder.start();
        STARTED.add(this);
    }

    /** Waits until /actuator/health answers UP; fails with the log's tail if the JVM dies or takes too long. */
    public Duration awaitHealthy(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was healthy; " + logTail());
            }
            try {
                HttpResponse<String> response = HEALTH.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(200);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; " + logTail());
    }

    /** {@code kill -9}: on Linux {@link Process#destroyForcibly()} sends SIGKILL (the exit code, 137, tells). */
    public Stopped kill() {
        long started = System.nanoTime();
        process.destroyForcibly();
        int exitCode = waitForExit(Duration.ofSeconds(30));
        return new Stopped(exitCode, Duration.ofNanos(System.nanoTime() - started));
    }

    /** SIGTERM ({@link Process#destroy()}), then waits up to {@code patience} for the JVM to finish shutting down. */
    public Stopped terminate(Duration patience) {
        long started = System.nanoTime();
        process.destroy();
        int exitCode = waitForExit(patience);
        return new Stopped(exitCode, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Waits for the JVM to end by itself; its exit code, or -1 when it still runs after {@code patience}. */
    public int awaitExit(Duration patience) {
        return waitForExit(patience);
    }

    private int waitForExit(Duration patience) {
        try {
            if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The PostgreSQL server running on this instance's embedded data directory, if any. */
    public Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(server -> server.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException | UncheckedIOException absent) {
            return Optional.empty();
        }
    }

    public String logTail() {
        if (!Files.exists(currentLog())) {
            return "no log at " + currentLog();
        }
        return "last lines of " + currentLog() + ":\n    " + String.join("\n    ", lastLines(25));
    }

    /** The last {@code count} non-blank lines of the current start's output. */
    public List<String> lastLines(int count) {
        try (Stream<String> lines = Files.lines(currentLog())) {
            List<String> all = lines.filter(line -> !line.isBlank()).toList();
            return all.subList(Math.max(0, all.size() - count), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Stops the JVM if it still runs, and the PostgreSQL a kill -9 may have left on its data directory. */
    @Override
    public void close() {
        if (isAlive()) {
            Stopped stopped = terminate(Duration.ofSeconds(60));
            if (stopped.exitCode() == -1) {
                kill();
            }
        }
        postmaster().ifPresent(server -> {
            server.destroy();
            server.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        });
        STARTED.remove(this);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How the JVM ended: its exit code (-1 when it had not ended in time) and how long that took. */
    public record Stopped(int exitCode, Duration took) {
        public boolean byKill() {
            return exitCode == KILLED_BY_SIGKILL;
        }
    }
}
