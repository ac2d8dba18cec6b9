package dev.tasker.migrator;

import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.database.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One distinct database of a run and the sets it holds: in single mode one target holds both sets, in split mode
 * each set has its own.
 *
 * @param endpoint where the database is (for direct connections: probes, facts, the migration lock)
 * @param pool     the pool the sets are migrated through
 * @param sets     the sets it holds, in run order
 */
record DatabaseTarget(DatabaseEndpoint endpoint, DataSource pool, List<MigrationSet> sets) {

    DatabaseTarget {
        sets = List.copyOf(sets);
    }

    /** The distinct databases of {@code pools}, tasker database first. */
    static List<DatabaseTarget> of(DatabasePools pools) {
        DatabaseSettings settings = pools.settings();
        if (!pools.pgmqIsSeparate()) {
            return List.of(new DatabaseTarget(settings.tasker(), pools.tasker(),
                    List.of(MigrationSet.TASKER, MigrationSet.PGMQ)));
        }
        return List.of(new DatabaseTarget(settings.tasker(), pools.tasker(), List.of(MigrationSet.TASKER)),
                new DatabaseTarget(settings.pgmq(), pools.pgmq(), List.of(MigrationSet.PGMQ)));
    }

    /** Flyway holds two connections at once: one for its lock and history table, one for the migrations. */
    static final int CONNECTIONS_FLYWAY_NEEDS = 2;

    /**
     * Fails when the pool is too small for Flyway, which would otherwise wait for a second connection until the
     * pool's acquire timeout.
     *
     * @throws MigratorException naming the pool, its size and what it needs
     */
    void requireRoomForFlyway() {
        if (pool instanceof HikariDataSource hikari && hikari.getMaximumPoolSize() < CONNECTIONS_FLYWAY_NEEDS) {
            throw new MigratorException("the " + role().label() + " pool allows " + hikari.getMaximumPoolSize()
                    + " connection, but migrating needs " + CONNECTIONS_FLYWAY_NEEDS + " at once (Flyway's lock and"
                    + " history, and the migrations): set its max connections to " + CONNECTIONS_FLYWAY_NEEDS
                    + " or more");
        }
    }

    /** The role that checks about the database as a whole are filed under (the tasker role in single mode). */
    PoolRole role() {
        return sets.getFirst().database();
    }

    /** True when this database holds {@code set}. */
    boolean holds(MigrationSet set) {
        return sets.contains(set);
    }

    /** The database, password masked. */
    String url() {
        return endpoint.displayUrl();
    }

    /**
     * A new direct connection (not from the pool, so an unreachable server fails at once).
     *
     * @throws MigratorException naming the database and the driver's reason
     */
    Connection connect() {
        try {
            return endpoint.connect();
        } catch (SQLException e) {
            throw new MigratorException(unreachable(e), e);
        }
    }

    /** The message for a failed connection: the database (masked) and the driver's reason. */
    String unreachable(SQLException e) {
        return "cannot connect to the " + describe() + " " + url() + ": " + e.getMessage();
    }

    /** {@code tasker database}, {@code pgmq database} or, in single mode, {@code database}. */
    String describe() {
        return sets.size() > 1 ? "database" : role().label() + " database";
    }
}
