package io.runwire.drill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A thread dump of a Runwire JVM ({@code jcmd <pid> Thread.print}), read for what holds a thread: a SEDA worker that
 * is not idle on its queue, or a thread in a Camel delay, throttle or redelivery sleep, or in an outgoing HTTP call.
 */
public record ThreadDump(String text, List<JavaThread> threads) {

    /** The name Camel gives the consumer threads of the executions' queue. */
    public static final String WORKER = "seda://runbook-executions";

    private static final Pattern QUEUE_WAIT = Pattern.compile("java\\.util\\.concurrent\\.\\w*Queue\\.(poll|take)");
    private static final String SEDA_LOOP = "org.apache.camel.component.seda.SedaConsumer.doRun";
    /** Frames of a thread that waits in Camel for a later moment, or for a target's answer. */
    private static final List<String> HOLDING = List.of(
            "org.apache.camel.processor.Delayer", "org.apache.camel.processor.DelayProcessorSupport",
            "org.apache.camel.processor.Throttler", "org.apache.camel.processor.errorhandler.RedeliveryPolicy.sleep",
            "org.apache.camel.component.http.HttpProducer");

    public ThreadDump {
        threads = List.copyOf(threads);
    }

    /** One thread as jcmd shows it: its name, its state, and its frames top first ({@code pkg.Class.method}). */
    public record JavaThread(String name, String state, List<String> frames) {

        public JavaThread {
            frames = List.copyOf(frames);
        }

        public boolean isWorker() {
            return name.contains(WORKER);
        }

        /** Parked in the queue's poll or take, right under the SEDA consumer's loop: nothing to do. */
        public boolean idleOnQueue() {
            int loop = frames.indexOf(SEDA_LOOP);
            return loop > 0 && QUEUE_WAIT.matcher(frames.get(loop - 1)).matches()
                    && frames.subList(0, loop - 1).stream().allMatch(ThreadDump::isParking);
        }

        /** The frame that shows this thread waiting in Camel for later, or for an HTTP answer, if any. */
        public Optional<String> holdingFrame() {
            Optional<String> holding = frames.stream()
                    .filter(frame -> HOLDING.stream().anyMatch(frame::startsWith)).findFirst();
            if (holding.isPresent()) {
                return holding;
            }
            boolean sleeping = !frames.isEmpty() && frames.get(0).equals("java.lang.Thread.sleep");
            return sleeping ? frames.stream().filter(frame -> frame.startsWith("org.apache.camel.")).findFirst()
                    : Optional.empty();
        }

        public String summary() {
            return name + " " + state + " at " + frames.stream().filter(frame -> !isParking(frame)).findFirst()
                    .orElse(frames.isEmpty() ? "?" : frames.get(0));
        }
    }

    /** Runs {@code jcmd <pid> Thread.print} with this JDK's jcmd and keeps its output in {@code saveTo}. */
    public static ThreadDump of(long pid, Path saveTo) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String text;
        try (InputStream out = process.getInputStream()) {
            text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " Thread.print failed: " + text.lines().limit(5).toList());
        }
        Files.createDirectories(saveTo.getParent());
        Files.writeString(saveTo, text);
        return parse(text);
    }

    static ThreadDump parse(String text) {
        List<JavaThread> threads = new ArrayList<>();
        String name = null;
        String state = "";
        List<String> frames = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("\"")) {
                if (name != null) {
                    threads.add(new JavaThread(name, state, frames));
                }
                name = line.substring(1, Math.max(1, line.indexOf('"', 1)));
                state = "";
                frames = new ArrayList<>();
            } else if (name != null && line.strip().startsWith("java.lang.Thread.State:")) {
                state = line.strip().substring("java.lang.Thread.State:".length()).strip();
            } else if (name != null && line.strip().startsWith("at ")) {
                String frame = line.strip().substring(3);
                int paren = frame.indexOf('(');
                frames.add(paren < 0 ? frame : frame.substring(0, paren));
            }
        }
        if (name != null) {
            threads.add(new JavaThread(name, state, frames));
        }
        return new ThreadDump(text, threads);
    }

    public List<JavaThread> workers() {
        return threads.stream().filter(JavaThread::isWorker).toList();
    }

    public List<JavaThread> busyWorkers() {
        return workers().stream().filter(worker -> !worker.idleOnQueue()).toList();
    }

    /** Threads waiting in a Camel delay, throttle or redelivery sleep, or in an outgoing HTTP call. */
    public List<JavaThread> holding() {
        return threads.stream().filter(thread -> thread.holdingFrame().isPresent()).toList();
    }

    private static boolean isParking(String frame) {
        return frame.startsWith("jdk.internal.misc.Unsafe.park") || frame.startsWith("java.util.concurrent.locks.");
    }
}
