package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Migrating empty databases in both modes, and running again. */
class MigrateTest extends MigratorTestBase {

    @ParameterizedTest
    @MethodSource("modes")
    void migratesEmptyDatabasesAndReportsEveryVersionApplied(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);

        MigrationReport report = migrator(databases).migrate();

        System.out.printf("migrate from empty, %s mode: %d ms (tasker set %d ms, pgmq set %d ms)%n", mode.label(),
                report.duration().toMillis(), report.set(MigrationSet.TASKER).duration().toMillis(),
                report.set(MigrationSet.PGMQ).duration().toMillis());
        assertThat(report.succeeded()).isTrue();
        assertThat(report.mode()).isEqualTo(mode);
        assertThat(report.sets()).extracting(SetReport::set).containsExactly(MigrationSet.TASKER, MigrationSet.PGMQ);
        for (MigrationSet set : MigrationSet.values()) {
            SetReport setReport = report.set(set);
            assertThat(setReport.appliedNow()).containsExactlyElementsOf(set.versions());
            assertThat(setReport.adoptedNow()).isEmpty();
            assertThat(setReport.pending()).isEmpty();
            assertThat(setReport.applied()).extracting(VersionStatus::state).containsOnly(VersionState.APPLIED);
            assertThat(setReport.failure()).isEmpty();
            assertThat(setReport.databaseUrl()).isEqualTo(databases.tasker().equals(databases.pgmq())
                    || set == MigrationSet.TASKER ? databases.tasker().displayUrl() : databases.pgmq().displayUrl());
        }
        assertThat(recordedVersions(databases.tasker(), MigrationSet.TASKER))
                .containsExactlyElementsOf(MigrationSet.TASKER.versions());
        assertThat(recordedVersions(databases.pgmq(), MigrationSet.PGMQ))
                .containsExactlyElementsOf(MigrationSet.PGMQ.versions());
        assertThat(tableExists(databases.tasker(), "tasker_tasks")).isTrue();
        assertThat(extensionInstalled(databases.pgmq(), "pgmq")).isTrue();
        assertThat(value(databases.pgmq(), "SELECT count(*) FROM pg_proc WHERE proname = 'pgmq_send_with_notify'"))
                .isEqualTo(1L);
        if (mode == DatabaseMode.SPLIT) {
            assertThat(tableExists(databases.pgmq(), "tasker_tasks")).isFalse();
            assertThat(extensionInstalled(databases.tasker(), "pgmq")).isFalse();
            assertThat(tableExists(databases.tasker(), MigrationSet.PGMQ.historyTable())).isFalse();
            assertThat(tableExists(databases.pgmq(), MigrationSet.TASKER.historyTable())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aSecondRunAppliesNothing(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        migrator(databases).migrate();
        long taskerRows = historyRows(databases.tasker(), MigrationSet.TASKER);
        long pgmqRows = historyRows(databases.pgmq(), MigrationSet.PGMQ);

        MigrationReport again = migrator(databases).migrate();

        assertThat(again.succeeded()).isTrue();
        assertThat(again.sets()).allSatisfy(set -> {
            assertThat(set.appliedNow()).isEmpty();
            assertThat(set.adoptedNow()).isEmpty();
            assertThat(set.pending()).isEmpty();
        });
        assertThat(historyRows(databases.tasker(), MigrationSet.TASKER)).isEqualTo(taskerRows);
        assertThat(historyRows(databases.pgmq(), MigrationSet.PGMQ)).isEqualTo(pgmqRows);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void poolsOfTwoConnectionsAreEnough(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        PoolSettings two = poolOf(2);

        MigrationReport report = Migrator.using(pools(DatabaseSettings.of(databases).withPools(two, two))).migrate();

        assertThat(report.succeeded()).isTrue();
        assertThat(report.sets()).extracting(set -> set.appliedNow().size()).containsExactly(12, 2);
        assertThat(List.of(recordedVersions(databases.tasker(), MigrationSet.TASKER).size(),
                recordedVersions(databases.pgmq(), MigrationSet.PGMQ).size())).containsExactly(12, 2);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aPoolOfOneConnectionIsRefusedBeforeAnythingChanges(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        PoolSettings one = poolOf(1);
        Migrator migrator = Migrator.using(pools(DatabaseSettings.of(databases).withPools(one, one)));

        assertThatThrownBy(migrator::migrate).isInstanceOf(MigratorException.class)
                .hasMessage("the tasker pool allows 1 connection, but migrating needs 2 at once (Flyway's lock and"
                        + " history, and the migrations): set its max connections to 2 or more");
        assertThat(publicTables(databases.tasker())).isZero();
        assertThat(publicTables(databases.pgmq())).isZero();
    }

    private static PoolSettings poolOf(int connections) {
        return new PoolSettings(connections, 0, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(600));
    }
}
