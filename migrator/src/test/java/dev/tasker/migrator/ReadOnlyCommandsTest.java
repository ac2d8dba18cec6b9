package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** info, dry run and validate read only: they report without creating a history table or any object. */
class ReadOnlyCommandsTest extends MigratorTestBase {

    @ParameterizedTest
    @MethodSource("modes")
    void onEmptyDatabasesEverythingIsPendingAndNothingIsCreated(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        Migrator migrator = migrator(databases);

        MigrationReport info = migrator.info();
        MigrationReport dryRun = migrator.dryRun();
        ValidationReport validation = migrator.validate();

        for (MigrationSet set : MigrationSet.values()) {
            assertThat(info.set(set).pending()).extracting(VersionStatus::version)
                    .containsExactlyElementsOf(set.versions());
            assertThat(info.set(set).appliedNow()).isEmpty();
            assertThat(dryRun.set(set).appliedNow()).containsExactlyElementsOf(set.versions());
            assertThat(dryRun.set(set).adoptedNow()).isEmpty();
            assertThat(dryRun.set(set).pending()).hasSize(set.versions().size());
        }
        assertThat(info.set(MigrationSet.TASKER).versions().getFirst()).isEqualTo(new VersionStatus(
                "20250810140000", "uuid v7 initial schema", VersionState.PENDING, Optional.empty()));
        assertThat(validation.valid()).isTrue();
        assertThat(validation.sets()).extracting(SetValidation::set)
                .containsExactly(MigrationSet.TASKER, MigrationSet.PGMQ);
        assertNothingCreated(databases);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aDryRunOfAnUpstreamDatabaseListsTheAdoptionAndRecordsNothing(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        migrator(databases).migrate();
        UpstreamDatabases.simulateComplete(databases);

        MigrationReport dryRun = migrator(databases).dryRun();

        for (MigrationSet set : MigrationSet.values()) {
            assertThat(dryRun.set(set).adoptedNow()).containsExactlyElementsOf(set.versions());
            assertThat(dryRun.set(set).appliedNow()).isEmpty();
        }
        assertThat(tableExists(databases.tasker(), MigrationSet.TASKER.historyTable())).isFalse();
        assertThat(tableExists(databases.pgmq(), MigrationSet.PGMQ.historyTable())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void infoReportsAppliedVersionsWithTheirInstallationTime(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        migrator(databases).migrate();

        MigrationReport info = migrator(databases).info();

        assertThat(info.succeeded()).isTrue();
        for (MigrationSet set : MigrationSet.values()) {
            assertThat(info.set(set).applied()).extracting(VersionStatus::version)
                    .containsExactlyElementsOf(set.versions());
            assertThat(info.set(set).applied()).allSatisfy(version -> {
                assertThat(version.state()).isEqualTo(VersionState.APPLIED);
                assertThat(version.installedOn()).isPresent();
            });
        }
        assertThat(migrator(databases).dryRun().sets()).allSatisfy(set -> {
            assertThat(set.appliedNow()).isEmpty();
            assertThat(set.adoptedNow()).isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("modes")
    void validateFindsATamperedChecksumAVersionTheFilesLackAndASkippedVersion(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        migrator(databases).migrate();
        assertThat(migrator(databases).validate().valid()).isTrue();
        long checksum = ((Number) value(databases.tasker(), "SELECT checksum FROM tasker_schema_history"
                + " WHERE version = '20251007000000'")).longValue();
        execute(databases.tasker(),
                "UPDATE tasker_schema_history SET checksum = 12345 WHERE version = '20251007000000'",
                "DELETE FROM tasker_schema_history WHERE version = '20251118000000'");
        execute(databases.pgmq(), "INSERT INTO pgmq_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) VALUES (99, '20990101000000',"
                + " 'from the future', 'SQL', 'V20990101000000__from_the_future.sql', 1, current_user, 1, true)");

        ValidationReport report = migrator(databases).validate();

        assertThat(report.valid()).isFalse();
        assertThat(report.sets().get(0).problems()).containsExactly(
                "version 20251007000000 (add correlation ids) was changed after it was recorded:"
                        + " tasker_schema_history has checksum 12345, the file"
                        + " V20251007000000__add_correlation_ids.sql now has " + checksum,
                "version 20251118000000 (add unique edge constraint) was never applied although later versions"
                        + " were");
        assertThat(report.sets().get(1).problems()).containsExactly("version 20990101000000 (from the future) is"
                + " recorded in pgmq_schema_history but no migration file of the pgmq set has it (removed or"
                + " renamed, or recorded by another release)");
        assertThat(report.sets().get(1).databaseUrl()).isEqualTo(databases.pgmq().displayUrl());
    }

    @Test
    void infoAndValidateOfAnUnreachableDatabaseNameItsMaskedUrl() throws Exception {
        DatabaseEndpoint nowhere = TestRoles.unreachable("tasker");
        Migrator migrator = Migrator.using(pools(new DatabaseSettings(nowhere, Optional.empty(), SMALL_POOL,
                SMALL_POOL)));
        String expected = "cannot connect to the database postgresql://migrator:****@localhost:" + nowhere.port()
                + "/tasker: Connection to localhost:" + nowhere.port() + " refused";

        assertThatThrownBy(migrator::info).isInstanceOf(MigratorException.class).hasMessageStartingWith(expected)
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(migrator::validate).isInstanceOf(MigratorException.class).hasMessageStartingWith(expected);
        assertThatThrownBy(migrator::dryRun).isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining(expected);
    }
}
