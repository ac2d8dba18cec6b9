package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A version whose SQL fails: the report names the set, the version and the database; versions before it stay
 * applied, later sets are not attempted, and the next run resumes once the cause is gone.
 */
class MigrationFailureTest extends MigratorTestBase {

    private static final String DLQ_VERSION = "20251115000000";
    private static final String NOTIFICATIONS_VERSION = "20250826180921";

    @ParameterizedTest
    @MethodSource("modes")
    void aFailingTaskerVersionStopsTheRunAndTheNextRunResumes(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        // V20251115000000 creates this type without IF NOT EXISTS (as upstream): it fails when the type exists.
        execute(databases.tasker(), "CREATE TYPE dlq_resolution_status AS ENUM ('in_the_way')");

        MigrationReport report = migrator(databases).migrate();

        assertThat(report.succeeded()).isFalse();
        SetReport tasker = report.set(MigrationSet.TASKER);
        int failedAt = MigrationSet.TASKER.versions().indexOf(DLQ_VERSION);
        assertThat(tasker.appliedNow()).containsExactlyElementsOf(MigrationSet.TASKER.versions().subList(0, failedAt));
        assertThat(tasker.failed()).extracting(VersionStatus::version).containsExactly(DLQ_VERSION);
        assertThat(tasker.pending()).hasSize(MigrationSet.TASKER.versions().size() - failedAt - 1);
        assertThat(tasker.failure()).hasValue("The tasker set failed at version " + DLQ_VERSION
                + " (comprehensive dlq system) in " + databases.tasker().displayUrl()
                + ": ERROR: type \"dlq_resolution_status\" already exists. The versions before it stay applied and"
                + " nothing of " + DLQ_VERSION + " was kept; fix the cause and run migrate again");
        SetReport pgmq = report.set(MigrationSet.PGMQ);
        assertThat(pgmq.failure()).isEmpty();
        assertThat(pgmq.appliedNow()).isEmpty();
        assertThat(pgmq.pending()).extracting(VersionStatus::version)
                .containsExactlyElementsOf(MigrationSet.PGMQ.versions());
        assertThat(recordedVersions(databases.tasker(), MigrationSet.TASKER))
                .containsExactlyElementsOf(MigrationSet.TASKER.versions().subList(0, failedAt));
        assertThat(tableExists(databases.tasker(), "tasker_tasks_dlq")).isFalse();
        assertThat(tableExists(databases.pgmq(), MigrationSet.PGMQ.historyTable())).isFalse();
        assertThat(extensionInstalled(databases.pgmq(), "pgmq")).isFalse();

        execute(databases.tasker(), "DROP TYPE dlq_resolution_status");
        MigrationReport resumed = migrator(databases).migrate();

        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.set(MigrationSet.TASKER).appliedNow())
                .containsExactlyElementsOf(MigrationSet.TASKER.versions().subList(failedAt, 12));
        assertThat(resumed.set(MigrationSet.PGMQ).appliedNow()).containsExactlyElementsOf(MigrationSet.PGMQ.versions());
        assertThat(recordedVersions(databases.tasker(), MigrationSet.TASKER))
                .containsExactlyElementsOf(MigrationSet.TASKER.versions());
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aFailingPgmqVersionLeavesTheTaskerSetApplied(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        execute(databases.pgmq(), "CREATE FUNCTION pgmq_send_with_notify(text, jsonb, integer) RETURNS text"
                + " LANGUAGE sql AS 'SELECT ''in the way'''");

        MigrationReport report = migrator(databases).migrate();

        assertThat(report.succeeded()).isFalse();
        assertThat(report.set(MigrationSet.TASKER).succeeded()).isTrue();
        assertThat(report.set(MigrationSet.TASKER).appliedNow()).containsExactlyElementsOf(MigrationSet.TASKER.versions());
        SetReport pgmq = report.set(MigrationSet.PGMQ);
        assertThat(pgmq.appliedNow()).containsExactly(MigrationSet.PGMQ.versions().getFirst());
        assertThat(pgmq.failed()).extracting(VersionStatus::version).containsExactly(NOTIFICATIONS_VERSION);
        assertThat(pgmq.failure()).hasValueSatisfying(failure -> assertThat(failure)
                .startsWith("The pgmq set failed at version " + NOTIFICATIONS_VERSION + " (notification functions) in "
                        + databases.pgmq().displayUrl() + ": ERROR: cannot change return type of existing function"));
        assertThat(recordedVersions(databases.tasker(), MigrationSet.TASKER))
                .containsExactlyElementsOf(MigrationSet.TASKER.versions());
        assertThat(recordedVersions(databases.pgmq(), MigrationSet.PGMQ))
                .containsExactly(MigrationSet.PGMQ.versions().getFirst());

        execute(databases.pgmq(), "DROP FUNCTION pgmq_send_with_notify(text, jsonb, integer)");
        MigrationReport resumed = migrator(databases).migrate();

        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.set(MigrationSet.TASKER).appliedNow()).isEmpty();
        assertThat(resumed.set(MigrationSet.PGMQ).appliedNow()).containsExactly(NOTIFICATIONS_VERSION);
    }
}
