package dev.tasker.migrator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migrator's lock on every database of a run: a session-level PostgreSQL advisory lock, taken in run order
 * on a dedicated direct connection per distinct database (one in single mode) and held until {@link #close()}.
 * Flyway locks only its own migrate step; this lock also covers creating the empty history and adopting
 * upstream's, so two migrators started at once apply every version exactly once: the second waits, then finds
 * everything recorded. The dedicated connections are not taken from the pools, which stay free for Flyway.
 */
final class MigrationLock implements AutoCloseable {

    /** The advisory lock key ("tskrmigr"); advisory locks are per database, so one key serves every database. */
    static final long KEY = 0x74736B726D696772L;

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Map<DatabaseTarget, Connection> connections = new IdentityHashMap<>();
    private final List<Connection> order = new ArrayList<>();

    private MigrationLock() {
    }

    /**
     * Locks every database of {@code targets}, in order, waiting at most {@code timeout} for each.
     *
     * @throws MigratorException naming the database when it cannot be reached or stays locked too long
     */
    static MigrationLock acquire(List<DatabaseTarget> targets, Duration timeout) {
        MigrationLock lock = new MigrationLock();
        try {
            for (DatabaseTarget target : targets) {
                lock.lock(target, timeout);
            }
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The dedicated connection that holds the lock of {@code target} (for reading facts under the lock). */
    Connection connection(DatabaseTarget target) {
        return connections.get(target);
    }

    private void lock(DatabaseTarget target, Duration timeout) {
        Connection connection = target.connect();
        order.add(connection);
        connections.put(target, connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                lock.execute();
            }
            statement.execute("RESET lock_timeout");
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new MigratorException("another migrator has held the migration lock of the " + target.describe()
                        + " " + target.url() + " for more than " + timeout.toSeconds() + " s; run again when it has"
                        + " finished", e);
            }
            throw new MigratorException("cannot lock the " + target.describe() + " " + target.url()
                    + " for migrating: " + e.getMessage(), e);
        }
    }

    /** Releases every lock by closing the dedicated connections (PostgreSQL drops session locks with them). */
    @Override
    public void close() {
        for (Connection connection : order.reversed()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The session ends either way, and with it the lock.
            }
        }
        order.clear();
        connections.clear();
    }
}
