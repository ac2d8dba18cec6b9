package dev.tasker.migrator;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the migrator tests: fresh databases per test from the shared provider, small pools closed after each
 * test, and plain-SQL helpers on direct connections that assert independently of the code under test.
 */
abstract class MigratorTestBase {

    /** Small pools: many tests, each with its own databases, share one server. */
    static final PoolSettings SMALL_POOL =
            new PoolSettings(3, 0, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(600));

    private final List<DatabasePools> openedPools = new ArrayList<>();

    @AfterEach
    void closePools() {
        openedPools.forEach(DatabasePools::close);
        openedPools.clear();
    }

    /** The modes a test runs in: both, unless {@code -Dtasker.db.mode} names one. */
    static Stream<DatabaseMode> modes() {
        return TestDatabases.requestedMode().map(Stream::of).orElseGet(() -> Arrays.stream(DatabaseMode.values()));
    }

    /** Fresh, empty databases for {@code mode}. */
    static ProvisionedDatabases fresh(DatabaseMode mode) {
        return TestDatabases.provision(mode);
    }

    /** Pools to {@code databases} (closed after the test). */
    DatabasePools pools(ProvisionedDatabases databases) {
        return pools(DatabaseSettings.of(databases).withPools(SMALL_POOL, SMALL_POOL));
    }

    /** Pools from {@code settings} (closed after the test). */
    DatabasePools pools(DatabaseSettings settings) {
        DatabasePools pools = DatabasePools.open(settings);
        openedPools.add(pools);
        return pools;
    }

    /** A migrator for {@code databases} on its own pools. */
    Migrator migrator(ProvisionedDatabases databases) {
        return Migrator.using(pools(databases));
    }

    static List<Map<String, Object>> rows(DatabaseEndpoint database, String sql, Object... parameters)
            throws SQLException {
        try (Connection connection = database.connect()) {
            return SqlRows.rows(connection, sql, parameters);
        }
    }

    static Object value(DatabaseEndpoint database, String sql, Object... parameters) throws SQLException {
        return SqlRows.single(rows(database, sql, parameters), sql).values().iterator().next();
    }

    static void execute(DatabaseEndpoint database, String... statements) throws SQLException {
        try (Connection connection = database.connect()) {
            for (String statement : statements) {
                SqlRows.execute(connection, statement);
            }
        }
    }

    static boolean tableExists(DatabaseEndpoint database, String table) throws SQLException {
        return (Boolean) value(database, "SELECT to_regclass(?) IS NOT NULL", table);
    }

    /** The versions recorded as successful in {@code set}'s history, in order; empty when there is no table. */
    static List<String> recordedVersions(DatabaseEndpoint database, MigrationSet set) throws SQLException {
        if (!tableExists(database, set.historyTable())) {
            return List.of();
        }
        return rows(database, "SELECT version FROM " + set.historyTable()
                + " WHERE version IS NOT NULL AND success ORDER BY installed_rank").stream()
                .map(row -> (String) row.get("version")).toList();
    }

    /** Every row of {@code set}'s history (versioned or not); 0 when there is no table. */
    static long historyRows(DatabaseEndpoint database, MigrationSet set) throws SQLException {
        return tableExists(database, set.historyTable())
                ? ((Number) value(database, "SELECT count(*) FROM " + set.historyTable())).longValue() : 0;
    }

    static boolean extensionInstalled(DatabaseEndpoint database, String extension) throws SQLException {
        return (Boolean) value(database, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = ?)", extension);
    }

    /** The number of tables in schema public (tasker's tables, history tables). */
    static long publicTables(DatabaseEndpoint database) throws SQLException {
        return ((Number) value(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).longValue();
    }
}
