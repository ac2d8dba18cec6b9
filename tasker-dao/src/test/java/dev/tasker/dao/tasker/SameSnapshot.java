package dev.tasker.dao.tasker;

import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One open transaction in which the DAOs and plain SQL see the same data and the same {@code now()}, so that
 * results depending on the clock (ages, priorities, minutes in a state) can be compared exactly. Rolled back on
 * close.
 */
public final class SameSnapshot implements AutoCloseable {

    private final Connection connection;
    private final TaskerDataAccess access;

    private SameSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        this.connection = connection;
        this.access = TaskerDataAccess.using(connection);
    }

    /** A snapshot transaction on {@code connection} (closed with the snapshot). */
    public static SameSnapshot on(Connection connection) throws SQLException {
        return new SameSnapshot(connection);
    }

    /** The DAOs inside the transaction. */
    public TaskerDataAccess dao() {
        return access;
    }

    /** Rows of {@code sql} inside the transaction. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        return SqlRows.rows(connection, sql, parameters);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
