package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A migrator waits for another one's lock on a database at most its lock timeout, then gives up naming the
 * database, having changed nothing; once the lock is free it proceeds.
 */
class MigrationLockTest extends MigratorTestBase {

    @ParameterizedTest
    @MethodSource("modes")
    void aLockHeldLongerThanTheTimeoutStopsTheRunBeforeAnythingChanges(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        Migrator migrator = migrator(databases).withLockTimeout(Duration.ofMillis(300));
        String describe = mode == DatabaseMode.SINGLE ? "database" : "pgmq database";

        try (Connection other = databases.pgmq().connect()) {
            SqlRows.rows(other, "SELECT pg_advisory_lock(?)", MigrationLock.KEY);

            assertThatThrownBy(migrator::migrate).isInstanceOf(MigratorException.class)
                    .hasMessage("another migrator has held the migration lock of the " + describe + " "
                            + databases.pgmq().displayUrl() + " for more than 300 ms; run again when it has finished");
            assertNothingCreated(databases);
        }

        assertThat(migrator.migrate().succeeded()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theLockIsReleasedAfterARun(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);

        migrator(databases).migrate();

        try (Connection other = databases.tasker().connect()) {
            assertThat(SqlRows.rows(other, "SELECT pg_try_advisory_lock(?) AS locked", MigrationLock.KEY).getFirst())
                    .containsEntry("locked", true);
        }
    }
}
