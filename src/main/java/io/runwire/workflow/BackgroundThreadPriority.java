package io.runwire.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lowers the operating system's priority of the workflow engine's worker threads (Linux {@code nice}, once per thread),
 * so that on a shared node the API's threads get a core first when both want one; the engine still has every core the
 * API leaves idle. Java has no call for a thread's nice value, so this asks {@code renice} for the thread's own id,
 * read from {@code /proc/thread-self}. Where either is missing it does nothing (and says so once).
 */
@Component("backgroundThreadPriority")
public class BackgroundThreadPriority {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreadPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final int nice;
    private final ThreadLocal<Boolean> lowered = ThreadLocal.withInitial(() -> false);
    private volatile boolean unavailable;
    private volatile boolean processesUnavailable;

    public BackgroundThreadPriority(@Value("${runwire.workflows.worker-nice:10}") int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("runwire.workflows.worker-nice must be 0 (off) to 19, not " + nice);
        }
        this.nice = nice;
    }

    /** The calling thread at the configured nice value; the first call on a thread does the work. */
    public void lowerThisThread() {
        if (nice == 0 || unavailable || lowered.get()) {
            return;
        }
        lowered.set(true);
        String failure;
        try {
            failure = renice(Files.readSymbolicLink(THREAD_SELF).getFileName().toString());
        } catch (IOException | UnsupportedOperationException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (failure != null && !unavailable) {
            unavailable = true;
            LOG.info("Workflow workers keep their priority ({}); set runwire.workflows.worker-nice=0 to stop trying", failure);
        }
    }

    /**
     * A process of this machine (a PostgreSQL backend serving the engine) at the configured nice value. The caller
     * knows the process is the one it means; false where it could not be done.
     */
    public boolean lowerProcess(long pid) {
        if (nice == 0 || processesUnavailable) {
            return false;
        }
        String failure = renice(Long.toString(pid));
        if (failure != null && !processesUnavailable) {
            processesUnavailable = true;
            LOG.info("The workflow engine's database sessions keep their priority ({})", failure);
        }
        return failure == null;
    }

    /** Null when done, else why not. */
    private String renice(String id) {
        try {
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", id)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                renice.destroyForcibly();
                return "renice did not succeed";
            }
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** This thread's nice value, or null where /proc does not say. */
    static Integer niceOfThisThread() {
        try {
            String stat = Files.readString(THREAD_SELF.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
