package dev.tasker.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * tasker-data's own pgmq-compatible extension: {@code pgmq.control} plus one versioned SQL script implementing the
 * pgmq 1.11 SQL API, shipped as resources of this module. {@link #installInto(Path)} copies them into a server's
 * extension directory so that {@code CREATE EXTENSION pgmq} works as on a server with real pgmq.
 */
public final class PgmqCompatExtension {

    /** The pgmq version whose SQL API the script implements. */
    public static final String VERSION = "1.11.0";

    private static final String RESOURCE_DIRECTORY = "/pgmq-compat/";
    private static final List<String> FILES = List.of("pgmq.control", "pgmq--" + VERSION + ".sql");

    private PgmqCompatExtension() {
    }

    /**
     * Writes the control and script files into {@code extensionDirectory} (the server's
     * {@code SHAREDIR/extension}), replacing older copies atomically so concurrent installers never leave a
     * half-written file.
     */
    public static void installInto(Path extensionDirectory) {
        try {
            Files.createDirectories(extensionDirectory);
            for (String file : FILES) {
                Path target = extensionDirectory.resolve(file);
                Path temporary = Files.createTempFile(extensionDirectory, ".tasker-" + file, ".tmp");
                try (InputStream content = open(file)) {
                    Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
                }
                makeWorldReadable(temporary);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the pgmq-compatible extension into " + extensionDirectory, e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream stream = PgmqCompatExtension.class.getResourceAsStream(RESOURCE_DIRECTORY + file);
        if (stream == null) {
            throw new IOException("resource " + RESOURCE_DIRECTORY + file + " is missing from database-provider");
        }
        return stream;
    }

    private static void makeWorldReadable(Path file) throws IOException {
        // The server may run as another user (zonky runs it in a user namespace when started as root).
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
