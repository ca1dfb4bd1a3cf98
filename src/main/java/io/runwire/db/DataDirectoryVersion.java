package io.runwire.db;

import io.runwire.startup.StartupRefusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which PostgreSQL major version made a data directory (its {@code PG_VERSION} file), and whether the embedded
 * server may start on it. PostgreSQL cannot open another major's files, and nothing here upgrades them: a directory of
 * another version is refused before anything touches it, with what to do about it.
 */
public final class DataDirectoryVersion {

    private DataDirectoryVersion() {
    }

    /** Passes for an empty or new directory and for one made by {@code runningMajor}; refuses every other. */
    public static void requireCompatible(Path dataDirectory, int runningMajor) throws IOException {
        Path versionFile = dataDirectory.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            return;
        }
        String made = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
        int madeMajor;
        try {
            madeMajor = Integer.parseInt(made);
        } catch (NumberFormatException e) {
            throw new IncompatibleDataDirectoryException("The embedded database directory " + where(dataDirectory)
                    + " has a PG_VERSION file that names no PostgreSQL version (\"" + printable(made) + "\"), so it "
                    + "was not started; move the directory aside to start on an empty database.");
        }
        if (madeMajor < runningMajor) {
            throw new IncompatibleDataDirectoryException("The embedded database directory " + where(dataDirectory)
                    + " was made by PostgreSQL " + madeMajor + " and this Runwire runs PostgreSQL " + runningMajor
                    + ", so it was left untouched; upgrade it with PostgreSQL " + runningMajor + "'s pg_upgrade, or "
                    + "move it aside (mv " + where(dataDirectory) + " " + where(dataDirectory) + "-pg" + madeMajor
                    + ") to start on an empty database.");
        }
        if (madeMajor > runningMajor) {
            throw new IncompatibleDataDirectoryException("The embedded database directory " + where(dataDirectory)
                    + " was made by PostgreSQL " + madeMajor + ", newer than the PostgreSQL " + runningMajor
                    + " this Runwire runs, so it was left untouched; start the Runwire version that made it, or move "
                    + "it aside to start on an empty database.");
        }
    }

    private static String where(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().toString();
    }

    private static String printable(String text) {
        String shown = text.length() > 20 ? text.substring(0, 20) : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** A data directory the embedded server must not start on; its message is the whole story, in one sentence. */
    public static final class IncompatibleDataDirectoryException extends StartupRefusal {
        IncompatibleDataDirectoryException(String sentence) {
            super(sentence);
        }
    }
}
