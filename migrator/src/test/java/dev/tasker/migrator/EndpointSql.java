package dev.tasker.migrator;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Plain-SQL helpers for the migrator's tests, each on its own direct connection to a database (not the pools under
 * test), so tests assert independently of the code under test. Test bases extend it; other tests import statically.
 */
public class EndpointSql {

    /** For test bases. */
    protected EndpointSql() {
    }

    /** The rows of {@code sql} on {@code database}. */
    public static List<Map<String, Object>> rows(DatabaseEndpoint database, String sql, Object... parameters)
            throws SQLException {
        try (Connection connection = database.connect()) {
            return SqlRows.rows(connection, sql, parameters);
        }
    }

    /** The first column of the single row of {@code sql} on {@code database}. */
    public static Object value(DatabaseEndpoint database, String sql, Object... parameters) throws SQLException {
        return SqlRows.single(rows(database, sql, parameters), sql).values().iterator().next();
    }

    /** Runs {@code statements} in order on one connection to {@code database}. */
    public static void execute(DatabaseEndpoint database, String... statements) throws SQLException {
        try (Connection connection = database.connect()) {
            for (String statement : statements) {
                SqlRows.execute(connection, statement);
            }
        }
    }

    /** True when {@code table} (resolved with the search path, i.e. schema public) exists in {@code database}. */
    public static boolean tableExists(DatabaseEndpoint database, String table) throws SQLException {
        return (Boolean) value(database, "SELECT to_regclass(?) IS NOT NULL", table);
    }

    /** True when extension {@code extension} is installed in {@code database}. */
    public static boolean extensionInstalled(DatabaseEndpoint database, String extension) throws SQLException {
        return (Boolean) value(database, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = ?)", extension);
    }

    /** The successful versions recorded in {@code historyTable}, in order; empty when the table does not exist. */
    public static List<String> recordedVersions(DatabaseEndpoint database, String historyTable) throws SQLException {
        if (!tableExists(database, historyTable)) {
            return List.of();
        }
        return rows(database, "SELECT version FROM " + historyTable
                + " WHERE version IS NOT NULL AND success ORDER BY installed_rank").stream()
                .map(row -> (String) row.get("version")).toList();
    }
}
