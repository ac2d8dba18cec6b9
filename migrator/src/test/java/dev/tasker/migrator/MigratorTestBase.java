package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.TestDatabases;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the migrator tests: fresh databases per test from the shared provider, small pools closed after each
 * test, and plain-SQL helpers on direct connections that assert independently of the code under test.
 */
abstract class MigratorTestBase extends EndpointSql {

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

    /** The versions recorded as successful in {@code set}'s history, in order; empty when there is no table. */
    static List<String> recordedVersions(DatabaseEndpoint database, MigrationSet set) throws SQLException {
        return recordedVersions(database, set.historyTable());
    }

    /** Every row of {@code set}'s history (versioned or not); 0 when there is no table. */
    static long historyRows(DatabaseEndpoint database, MigrationSet set) throws SQLException {
        return tableExists(database, set.historyTable())
                ? ((Number) value(database, "SELECT count(*) FROM " + set.historyTable())).longValue() : 0;
    }

    /** The number of tables in schema public (tasker's tables, history tables). */
    static long publicTables(DatabaseEndpoint database) throws SQLException {
        return ((Number) value(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).longValue();
    }

    /** Asserts that neither database holds a table, a function in schema public or the pgmq extension. */
    static void assertNothingCreated(ProvisionedDatabases databases) throws SQLException {
        for (DatabaseEndpoint database : List.of(databases.tasker(), databases.pgmq())) {
            assertThat(publicTables(database)).as("tables in %s", database).isZero();
            assertThat(extensionInstalled(database, "pgmq")).as("pgmq in %s", database).isFalse();
            assertThat(value(database, "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"))
                    .as("functions in %s", database).isEqualTo(0L);
        }
    }
}
