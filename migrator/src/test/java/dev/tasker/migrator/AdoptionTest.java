package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @ParameterizedTest
    @MethodSource("modes")
    void aPartialUpstreamHistoryIsRefusedNamingTheMissingVersionsAndNothingChanges(DatabaseMode mode)
            throws Exception {
        ProvisionedDatabases databases = upstreamMigrated(mode);
        List<String> partial = new ArrayList<>(MigrationSet.TASKER.versions());
        partial.remove("20260102000000");
        if (mode == DatabaseMode.SINGLE) {
            partial.add(MigrationSet.PGMQ.versions().getLast());
        } else {
            UpstreamDatabases.simulate(databases.pgmq(), MigrationSet.PGMQ.versions(), Set.of());
        }
        UpstreamDatabases.simulate(databases.tasker(), partial, Set.of());

        assertRefusedWithNothingChanged(databases, MigrationSet.TASKER, "_sqlx_migrations cannot"
                + " be adopted for the tasker set: upstream applied only part of the tasker set: 1 of its 12 versions"
                + " are missing (20260102000000). Finish the migration with upstream's migrator so that every"
                + " version is recorded as successful (or migrate a fresh database), then run again; nothing was"
                + " changed");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aFailedUpstreamEntryIsRefusedNamingItAndNothingChanges(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = upstreamMigrated(mode);
        String notifications = MigrationSet.PGMQ.versions().getLast();
        if (mode == DatabaseMode.SINGLE) {
            UpstreamDatabases.simulate(databases.tasker(), UpstreamDatabases.COMBINED, Set.of(notifications));
        } else {
            UpstreamDatabases.simulate(databases.tasker(), MigrationSet.TASKER.versions(), Set.of());
            UpstreamDatabases.simulate(databases.pgmq(), MigrationSet.PGMQ.versions(), Set.of(notifications));
        }

        assertRefusedWithNothingChanged(databases, MigrationSet.PGMQ, "_sqlx_migrations cannot be"
                + " adopted for the pgmq set: upstream recorded " + notifications + " as failed (success = false).");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void anUpstreamHistoryWithAnUnknownVersionIsRefusedAndNothingChanges(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = upstreamMigrated(mode);
        UpstreamDatabases.simulateComplete(databases);
        execute(databases.tasker(), "INSERT INTO _sqlx_migrations (version, description, success, checksum,"
                + " execution_time) VALUES (20260301000000, 'newer upstream', true, '\\x00', 1)");

        assertRefusedWithNothingChanged(databases, MigrationSet.TASKER, "_sqlx_migrations cannot"
                + " be adopted for the tasker set: it lists 20260301000000, which no migration set of this project"
                + " has (not tasker-core's schema at the split).");
    }

    private void assertRefusedWithNothingChanged(ProvisionedDatabases databases, MigrationSet set,
                                                 String expectedDetail) throws Exception {
        String upstreamRowsSql = "SELECT version, description, installed_on, success, encode(checksum, 'hex'),"
                + " execution_time FROM _sqlx_migrations ORDER BY version";
        List<Map<String, Object>> upstreamRows = rows(databases.tasker(), upstreamRowsSql);
        Migrator migrator = migrator(databases);

        PreflightReport preflight = migrator.preflight();

        String check = "upstream history (" + set.label() + " set)";
        assertThat(preflight.failures()).filteredOn(failure -> failure.name().equals(check))
                .singleElement().satisfies(failure -> {
                    assertThat(failure.database()).isEqualTo(set.database());
                    assertThat(failure.detail()).startsWith(expectedDetail);
                });
        assertThatThrownBy(migrator::migrate).isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining(check + ": " + expectedDetail);
        for (MigrationSet each : MigrationSet.values()) {
            assertThat(tableExists(database(databases, each), each.historyTable())).isFalse();
        }
        assertThat(rows(databases.tasker(), upstreamRowsSql)).isEqualTo(upstreamRows);
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
