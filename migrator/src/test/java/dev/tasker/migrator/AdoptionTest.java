package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Databases migrated by upstream's sqlx migrator are adopted: their versions are recorded in our histories
 * without running, when upstream's history is complete and successful; otherwise refused with nothing changed.
 */
class AdoptionTest extends MigratorTestBase {

    private static final String MARKER = "adoption_marker";

    @ParameterizedTest
    @MethodSource("modes")
    void aCompleteUpstreamDatabaseIsAdoptedWithoutRunningAnything(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = upstreamMigrated(mode);
        UpstreamDatabases.simulateComplete(databases);

        MigrationReport report = migrator(databases).migrate();

        assertThat(report.succeeded()).isTrue();
        for (MigrationSet set : MigrationSet.values()) {
            SetReport setReport = report.set(set);
            assertThat(setReport.adoptedNow()).containsExactlyElementsOf(set.versions());
            assertThat(setReport.appliedNow()).isEmpty();
            assertThat(setReport.versions()).extracting(VersionStatus::state).containsOnly(VersionState.ADOPTED);
            assertThat(recordedVersions(database(databases, set), set)).containsExactlyElementsOf(set.versions());
        }
        assertMarkersSurvive(databases);
        assertThat(value(databases.tasker(), "SELECT count(*) FROM tasker_schema_history WHERE installed_by = "
                + "current_user || ' (adopted from _sqlx_migrations)' AND checksum IS NOT NULL")).isEqualTo(12L);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void anAdoptedDatabaseValidatesAndAReRunAppliesNothing(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = upstreamMigrated(mode);
        UpstreamDatabases.simulateComplete(databases);
        migrator(databases).migrate();
        long taskerRows = historyRows(databases.tasker(), MigrationSet.TASKER);
        long pgmqRows = historyRows(databases.pgmq(), MigrationSet.PGMQ);

        MigrationReport again = migrator(databases).migrate();

        assertThat(again.sets()).allSatisfy(set -> {
            assertThat(set.appliedNow()).isEmpty();
            assertThat(set.adoptedNow()).isEmpty();
            assertThat(set.applied()).extracting(VersionStatus::state).containsOnly(VersionState.ADOPTED);
        });
        assertThat(historyRows(databases.tasker(), MigrationSet.TASKER)).isEqualTo(taskerRows);
        assertThat(historyRows(databases.pgmq(), MigrationSet.PGMQ)).isEqualTo(pgmqRows);
        assertThat(migrator(databases).validate().valid()).isTrue();
        assertThat(migrator(databases).info().sets()).allSatisfy(set ->
                assertThat(set.versions()).extracting(VersionStatus::state).containsOnly(VersionState.ADOPTED));
        assertMarkersSurvive(databases);
    }

    /** Creates databases with every object of both sets (our run), and a marker row the adoption must keep. */
    private ProvisionedDatabases upstreamMigrated(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        assertThat(migrator(databases).migrate().succeeded()).isTrue();
        execute(databases.tasker(), "INSERT INTO tasker_task_namespaces (name, created_at, updated_at)"
                + " VALUES ('" + MARKER + "', now(), now())");
        execute(databases.pgmq(), "SELECT pgmq.create('" + MARKER + "')");
        return databases;
    }

    private static void assertMarkersSurvive(ProvisionedDatabases databases) throws Exception {
        assertThat(value(databases.tasker(), "SELECT count(*) FROM tasker_task_namespaces WHERE name = ?", MARKER))
                .isEqualTo(1L);
        assertThat(value(databases.pgmq(), "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", MARKER))
                .isEqualTo(1L);
    }

    private static DatabaseEndpoint database(ProvisionedDatabases databases, MigrationSet set) {
        return set == MigrationSet.TASKER ? databases.tasker() : databases.pgmq();
    }
}
