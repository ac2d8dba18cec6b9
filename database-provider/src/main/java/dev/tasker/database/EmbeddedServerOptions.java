package dev.tasker.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an embedded server.
 *
 * @param dataDirectory  where the cluster lives; empty means a throwaway directory removed on close. A
 *                       persistent directory is initialised on first use and reused by every later start.
 * @param port           the TCP port on 127.0.0.1; 0 picks a free one
 * @param startupTimeout how long to wait for the server to accept connections
 */
public record EmbeddedServerOptions(Optional<Path> dataDirectory, int port, Duration startupTimeout) {

    /** The default wait for a server to come up (a cold start on a slow disk unpacks the binaries first). */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddedServerOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (port < 0 || port > 65_535) {
            throw new DatabaseProviderException("Embedded server port " + port + " is out of range 0-65535");
        }
    }

    /** A server in a temporary directory, on any free port, removed when closed. */
    public static EmbeddedServerOptions throwaway() {
        return new EmbeddedServerOptions(Optional.empty(), 0, DEFAULT_STARTUP_TIMEOUT);
    }

    /** A server whose cluster lives in {@code dataDirectory} and survives restarts. */
    public static EmbeddedServerOptions persistent(Path dataDirectory) {
        return new EmbeddedServerOptions(Optional.of(dataDirectory), 0, DEFAULT_STARTUP_TIMEOUT);
    }

    /** The same options on a fixed port. */
    public EmbeddedServerOptions withPort(int fixedPort) {
        return new EmbeddedServerOptions(dataDirectory, fixedPort, startupTimeout);
    }

    /** True when the cluster survives {@link EmbeddedPostgresServer#close()}. */
    public boolean persistent() {
        return dataDirectory.isPresent();
    }
}
