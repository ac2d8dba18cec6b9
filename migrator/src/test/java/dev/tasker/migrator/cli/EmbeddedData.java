package dev.tasker.migrator.cli;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.EmbeddedDatabaseProvider;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Looks into (or arranges) a persistent embedded data directory while the CLI is not running: starts the server
 * on it, hands out the {@code mode}'s databases, and stops it again. Plain SQL, independent of the code under test.
 */
final class EmbeddedData {

    /** Work on the databases of a started server. */
    interface Work<T> {
        T apply(ProvisionedDatabases databases) throws SQLException;
    }

    private EmbeddedData() {
    }

    static <T> T with(Path dataDirectory, DatabaseMode mode, Work<T> work) throws SQLException {
        try (EmbeddedDatabaseProvider provider = EmbeddedDatabaseProvider.persistent(dataDirectory)) {
            return work.apply(provider.provision(mode));
        }
    }

    /** The successful versions recorded in {@code historyTable}, in order; empty when the table does not exist. */
    static List<String> recordedVersions(DatabaseEndpoint database, String historyTable) throws SQLException {
        try (Connection connection = database.connect()) {
            if (!tableExists(connection, historyTable)) {
                return List.of();
            }
            return SqlRows.rows(connection, "SELECT version FROM public." + historyTable
                            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank").stream()
                    .map(row -> (String) row.get("version")).toList();
        }
    }

    /** True when {@code table} exists in schema public. */
    static boolean tableExists(DatabaseEndpoint database, String table) throws SQLException {
        try (Connection connection = database.connect()) {
            return tableExists(connection, table);
        }
    }

    /** True when extension {@code name} is installed in the database. */
    static boolean extensionInstalled(DatabaseEndpoint database, String name) throws SQLException {
        try (Connection connection = database.connect()) {
            return !SqlRows.rows(connection, "SELECT 1 FROM pg_extension WHERE extname = ?", name).isEmpty();
        }
    }

    /** Runs one statement. */
    static void execute(DatabaseEndpoint database, String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            SqlRows.execute(connection, sql);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        return SqlRows.single(SqlRows.rows(connection, "SELECT to_regclass(?) IS NOT NULL AS present",
                "public." + table), table).get("present").equals(Boolean.TRUE);
    }
}
