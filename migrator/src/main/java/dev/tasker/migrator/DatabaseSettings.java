package dev.tasker.migrator;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.DatabaseProviderException;
import dev.tasker.database.PostgresUrls;
import dev.tasker.database.ProvisionedDatabases;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the two databases are and how big their pools may grow. Passwords are never printed: {@link #toString()}
 * masks them.
 *
 * @param tasker       the tasker database ({@code DATABASE_URL})
 * @param separatePgmq the PGMQ database when it is a different one (split mode); empty in single mode
 * @param taskerPool   the tasker pool's settings
 * @param pgmqPool     the PGMQ pool's settings (unused in single mode, where the tasker pool serves both)
 */
public record DatabaseSettings(DatabaseEndpoint tasker, Optional<DatabaseEndpoint> separatePgmq,
                               PoolSettings taskerPool, PoolSettings pgmqPool) {

    public DatabaseSettings {
        Objects.requireNonNull(tasker, "tasker");
        Objects.requireNonNull(separatePgmq, "separatePgmq");
        Objects.requireNonNull(taskerPool, "taskerPool");
        Objects.requireNonNull(pgmqPool, "pgmqPool");
    }

    /**
     * Settings from the two URLs with upstream's rule ({@code split-and-runtime.md} §2.3): the PGMQ database is
     * separate only when {@code pgmqDatabaseUrl} is non-empty <b>and</b> its text differs from
     * {@code databaseUrl}; otherwise both sets live in the main database. Either URL spelling is accepted
     * ({@code postgresql://} or {@code jdbc:postgresql://}).
     *
     * @param databaseUrl     the main database ({@code DATABASE_URL}); required
     * @param pgmqDatabaseUrl the PGMQ database ({@code PGMQ_DATABASE_URL}); null or blank means "the main one"
     * @throws MigratorException naming the variable whose URL is missing or malformed (password masked)
     */
    public static DatabaseSettings fromUrls(String databaseUrl, String pgmqDatabaseUrl, PoolSettings taskerPool,
                                            PoolSettings pgmqPool) {
        String main = databaseUrl == null ? "" : databaseUrl.strip();
        String pgmq = pgmqDatabaseUrl == null ? "" : pgmqDatabaseUrl.strip();
        DatabaseEndpoint tasker = parse("DATABASE_URL", main);
        Optional<DatabaseEndpoint> separate = pgmq.isEmpty() || pgmq.equals(main)
                ? Optional.empty()
                : Optional.of(parse("PGMQ_DATABASE_URL", pgmq));
        return new DatabaseSettings(tasker, separate, taskerPool, pgmqPool);
    }

    /** Settings for databases a provider handed out, with upstream's default pool sizes. */
    public static DatabaseSettings of(ProvisionedDatabases databases) {
        return new DatabaseSettings(databases.tasker(),
                databases.pgmqIsSeparate() ? Optional.of(databases.pgmq()) : Optional.empty(),
                PoolSettings.TASKER_DEFAULTS, PoolSettings.PGMQ_DEFAULTS);
    }

    /** The same databases with other pool settings. */
    public DatabaseSettings withPools(PoolSettings newTaskerPool, PoolSettings newPgmqPool) {
        return new DatabaseSettings(tasker, separatePgmq, newTaskerPool, newPgmqPool);
    }

    /** The PGMQ database: the separate one in split mode, otherwise the tasker database. */
    public DatabaseEndpoint pgmq() {
        return separatePgmq.orElse(tasker);
    }

    /** The database that plays {@code role}. */
    public DatabaseEndpoint endpoint(PoolRole role) {
        return role == PoolRole.TASKER ? tasker : pgmq();
    }

    /** True in split mode. */
    public boolean pgmqIsSeparate() {
        return separatePgmq.isPresent();
    }

    /** Single or split. */
    public DatabaseMode mode() {
        return pgmqIsSeparate() ? DatabaseMode.SPLIT : DatabaseMode.SINGLE;
    }

    @Override
    public String toString() {
        return mode().label() + " mode: tasker " + tasker.displayUrl() + " [" + taskerPool.describe() + "]"
                + separatePgmq.map(p -> ", pgmq " + p.displayUrl() + " [" + pgmqPool.describe() + "]")
                .orElse(", pgmq in the same database");
    }

    private static DatabaseEndpoint parse(String source, String url) {
        try {
            return PostgresUrls.parse(source, url);
        } catch (DatabaseProviderException e) {
            throw new MigratorException(e.getMessage(), e);
        }
    }
}
