package dev.tasker.schema.tasker;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Base of the tests of the tasker SQL functions: a scenario builder and small helpers. */
abstract class TaskerFunctionTest extends TaskerSchemaTest {

    /**
     * PostgreSQL's uuid order (unsigned bytes) is the order of the lower-case hex strings; {@link UUID#compareTo}
     * compares signed longs and differs.
     */
    static final Comparator<UUID> PG_UUID_ORDER = Comparator.comparing(UUID::toString);

    /** A new namespace, dependent system and named task in this class's database. */
    protected TaskerScenario newScenario() throws SQLException {
        return TaskerScenario.create(db, fixtures);
    }

    /** A {@code uuid[]} parameter. */
    protected Array uuids(UUID... ids) throws SQLException {
        return db.createArrayOf("uuid", ids);
    }

    /** The given ids in PostgreSQL's order. */
    static List<UUID> pgSorted(UUID... ids) {
        return Stream.of(ids).sorted(PG_UUID_ORDER).toList();
    }

    /**
     * Runs {@code work} in one transaction on a new connection, so that now() is one fixed instant, then rolls
     * back.
     */
    protected <T> T inOneTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
