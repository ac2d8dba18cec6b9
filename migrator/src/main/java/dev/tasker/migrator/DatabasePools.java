package dev.tasker.migrator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The tasker pool and the PGMQ pool ({@code split-and-runtime.md} §3). In split mode they are two HikariCP pools
 * to two databases; in single mode {@link #pgmq()} returns <b>the same pool object</b> as {@link #tasker()}.
 *
 * <p>Pools are opened lazily: a database that is down does not stop the pools from being built, and only the
 * operations that need it fail (after the pool's acquire timeout). {@link #close()} closes each pool this object
 * created exactly once; a tasker pool handed to {@link #around(DataSource, DatabaseSettings)} stays the caller's.
 */
public final class DatabasePools implements AutoCloseable {

    private final DatabaseSettings settings;
    private final DataSource tasker;
    private final DataSource pgmq;
    private final List<HikariDataSource> owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DatabasePools(DatabaseSettings settings, DataSource tasker, DataSource pgmq, List<HikariDataSource> owned) {
        this.settings = settings;
        this.tasker = tasker;
        this.pgmq = pgmq;
        this.owned = List.copyOf(owned);
    }

    /** Opens the pools {@code settings} describe: one in single mode, two in split mode. */
    public static DatabasePools open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        HikariDataSource taskerPool = pool(PoolRole.TASKER, settings.tasker(), settings.taskerPool());
        return around(settings, taskerPool, new ArrayList<>(List.of(taskerPool)));
    }

    /**
     * Builds the pools around a tasker pool the caller already has (and keeps owning): single mode reuses it for
     * PGMQ, split mode opens a PGMQ pool from {@code settings}.
     */
    public static DatabasePools around(DataSource taskerPool, DatabaseSettings settings) {
        Objects.requireNonNull(taskerPool, "taskerPool");
        Objects.requireNonNull(settings, "settings");
        return around(settings, taskerPool, new ArrayList<>());
    }

    private static DatabasePools around(DatabaseSettings settings, DataSource taskerPool,
                                        List<HikariDataSource> owned) {
        DataSource pgmqPool = taskerPool;
        if (settings.pgmqIsSeparate()) {
            try {
                HikariDataSource separate = pool(PoolRole.PGMQ, settings.pgmq(), settings.pgmqPool());
                owned.add(separate);
                pgmqPool = separate;
            } catch (RuntimeException e) {
                owned.forEach(HikariDataSource::close);
                throw e;
            }
        }
        return new DatabasePools(settings, taskerPool, pgmqPool, owned);
    }

    /** The pool of the tasker database. */
    public DataSource tasker() {
        return tasker;
    }

    /** The pool of the PGMQ database; the same object as {@link #tasker()} in single mode. */
    public DataSource pgmq() {
        return pgmq;
    }

    /** The pool that plays {@code role}. */
    public DataSource pool(PoolRole role) {
        return role == PoolRole.TASKER ? tasker : pgmq;
    }

    /** The pool an operation of this kind runs on. */
    public DataSource forOperation(DatabaseOperation operation) {
        return pool(operation.pool());
    }

    /** True in split mode, when the PGMQ pool is a second pool to another database. */
    public boolean pgmqIsSeparate() {
        return settings.pgmqIsSeparate();
    }

    /** Single or split. */
    public DatabaseMode mode() {
        return settings.mode();
    }

    /** The settings these pools were built from. */
    public DatabaseSettings settings() {
        return settings;
    }

    /** A readable description of both pools and their sizes (passwords masked). */
    public String describe() {
        return settings.toString();
    }

    /** Closes every pool this object opened, each once. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owned.forEach(HikariDataSource::close);
        }
    }

    @Override
    public String toString() {
        return "DatabasePools(" + describe() + ")";
    }

    private static HikariDataSource pool(PoolRole role, DatabaseEndpoint endpoint, PoolSettings pool) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tasker-data-" + role.label());
        config.setJdbcUrl(endpoint.jdbcUrl());
        if (!endpoint.user().isEmpty()) {
            config.setUsername(endpoint.user());
        }
        if (!endpoint.password().isEmpty()) {
            config.setPassword(endpoint.password());
        }
        config.setMaximumPoolSize(pool.maxConnections());
        config.setMinimumIdle(pool.minConnections());
        config.setConnectionTimeout(pool.acquireTimeout().toMillis());
        config.setIdleTimeout(pool.idleTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        // Lazy start: a database that is down fails the operations that need it, not the construction.
        config.setInitializationFailTimeout(-1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new MigratorException("Cannot build the " + role.label() + " pool for " + endpoint.displayUrl()
                    + ": " + e.getMessage(), e);
        }
    }
}
