package io.runwire.db;

import io.runwire.startup.StartupRefusal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a {@code kill -9} of the JVM the embedded PostgreSQL keeps running on the data directory (zonky starts it
 * as a separate process), and the next start would fail against it. This finds such a server and stops it.
 *
 * <p>A server is only an orphan when nobody holds zonky's {@code epg-lock} file lock: the OS releases that lock when
 * the owning JVM dies, so a live Runwire on the same directory is never touched.
 */
public final class OrphanedPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private OrphanedPostmaster() {
    }

    /** Stops the server left running on {@code dataDirectory}, if any; returns whether one was stopped. */
    public static boolean stopIfPresent(Path dataDirectory, Duration patience) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(OrphanedPostmaster::isPostgres);
        if (postmaster.isEmpty()) {
            return false; // a stale pid file: PostgreSQL itself ignores it
        }
        ensureNoLiveOwner(dataDirectory);
        ProcessHandle process = postmaster.get();
        LOG.warn("PostgreSQL (pid {}) is still running on {} after an unclean stop; shutting it down before starting",
                process.pid(), dataDirectory);
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, its clients died with the old JVM
        if (!waitForExit(process, patience)) {
            LOG.warn("PostgreSQL (pid {}) did not stop within {}; killing it, crash recovery will replay the WAL",
                    process.pid(), patience);
            process.destroyForcibly();
            waitForExit(process, patience);
        }
        return true;
    }

    private static void ensureNoLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = file.getChannel();
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDirectory);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory);
        }
    }

    private static StartupRefusal inUse(Path dataDirectory) {
        return new StartupRefusal("The embedded database directory " + dataDirectory.toAbsolutePath()
                + " is in use by another running Runwire: stop that one first, or give this one a data directory of "
                + "its own with RUNWIRE_DATA_DIR.");
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
    }

    private static boolean waitForExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
