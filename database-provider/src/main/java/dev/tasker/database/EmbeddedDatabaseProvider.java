package dev.tasker.database;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases on an embedded PostgreSQL 18 server (see {@link EmbeddedPostgresServer}).
 *
 * <ul>
 *   <li><b>Throwaway</b> (tests): every {@link #provision(DatabaseMode)} creates fresh, empty, uniquely named
 *       databases; the whole cluster is deleted on {@link #close()}.</li>
 *   <li><b>Persistent</b> (local runs): fixed database names in a data directory that later starts reuse —
 *       {@value #SINGLE_DATABASE} in single mode; {@value #SPLIT_TASKER_DATABASE} and
 *       {@value #SPLIT_PGMQ_DATABASE} in split mode.</li>
 * </ul>
 * Split mode uses two databases on the one server.
 */
public final class EmbeddedDatabaseProvider implements DatabaseProvider {

    /** The persistent single-mode database. */
    public static final String SINGLE_DATABASE = "tasker_single";
    /** The persistent split-mode tasker database. */
    public static final String SPLIT_TASKER_DATABASE = "tasker";
    /** The persistent split-mode PGMQ database. */
    public static final String SPLIT_PGMQ_DATABASE = "pgmq";

    private final EmbeddedPostgresServer server;
    private final String runPrefix = "t" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final AtomicInteger provisioned = new AtomicInteger();

    private EmbeddedDatabaseProvider(EmbeddedPostgresServer server) {
        this.server = server;
    }

    /** Starts a server with the given options. */
    public static EmbeddedDatabaseProvider start(EmbeddedServerOptions options) {
        return new EmbeddedDatabaseProvider(EmbeddedPostgresServer.start(options));
    }

    /** Starts a throwaway server. */
    public static EmbeddedDatabaseProvider throwaway() {
        return start(EmbeddedServerOptions.throwaway());
    }

    /** Starts (or restarts) a persistent server whose cluster lives in {@code dataDirectory}. */
    public static EmbeddedDatabaseProvider persistent(Path dataDirectory) {
        return start(EmbeddedServerOptions.persistent(dataDirectory));
    }

    /** The running server. */
    public EmbeddedPostgresServer server() {
        return server;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EMBEDDED;
    }

    @Override
    public ProvisionedDatabases provision(DatabaseMode mode) {
        if (server.options().persistent()) {
            return switch (mode) {
                case SINGLE -> ProvisionedDatabases.single(server.createDatabase(SINGLE_DATABASE));
                case SPLIT -> ProvisionedDatabases.split(server.createDatabase(SPLIT_TASKER_DATABASE),
                        server.createDatabase(SPLIT_PGMQ_DATABASE));
            };
        }
        String prefix = runPrefix + "_" + provisioned.incrementAndGet() + "_";
        return switch (mode) {
            case SINGLE -> ProvisionedDatabases.single(server.createDatabase(prefix + "single"));
            case SPLIT -> ProvisionedDatabases.split(server.createDatabase(prefix + "tasker"),
                    server.createDatabase(prefix + "pgmq"));
        };
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "embedded(PostgreSQL " + server.serverVersion() + " on port " + server.port() + ")";
    }
}
