package dev.tasker.database.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Common base of the suites' test bases: an autocommit JDBC connection {@link #db} (opened by the subclass's
 * {@code @BeforeAll}, closed here after all tests of the class) and plain-SQL helpers on it, so that tests arrange
 * and assert rows independently of the code under test. The static forms work on any connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest {

    /** An autocommit connection to the database under test; set by the subclass before its tests run. */
    protected Connection db;

    @AfterAll
    void closeDatabaseConnection() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** Rows of {@code sql} (with {@code ?} parameters) on {@link #db}, each as column label → value. */
    protected List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        return rows(db, sql, parameters);
    }

    /** The single row of {@code sql}; fails unless there is exactly one. */
    protected Map<String, Object> row(String sql, Object... parameters) throws SQLException {
        return SqlRows.single(rows(sql, parameters), sql);
    }

    /** The first column of the single row of {@code sql}. */
    protected Object value(String sql, Object... parameters) throws SQLException {
        return row(sql, parameters).values().iterator().next();
    }

    /** Runs a statement on {@link #db}, returning its update count. */
    protected int execute(String sql, Object... parameters) throws SQLException {
        return execute(db, sql, parameters);
    }

    /** Rows of {@code sql} on {@code connection} (see {@link SqlRows#rows}). */
    protected static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return SqlRows.rows(connection, sql, parameters);
    }

    /** Runs a statement on {@code connection} (see {@link SqlRows#execute}). */
    protected static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        return SqlRows.execute(connection, sql, parameters);
    }
}
