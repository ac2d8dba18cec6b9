package dev.tasker.migrator.cli;

import static dev.tasker.migrator.EndpointSql.extensionInstalled;
import static dev.tasker.migrator.EndpointSql.recordedVersions;
import static dev.tasker.migrator.EndpointSql.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.migrator.EndpointSql;
import dev.tasker.migrator.MigrationSet;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a persistent embedded server in split mode, in the order a newcomer runs it: dry run, first
 * migrate, second migrate, info, validate, doctor, then validate after a checksum was tampered with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitModeCliTest {

    private static final String TASKER_HISTORY = MigrationSet.TASKER.historyTable();
    private static final String PGMQ_HISTORY = MigrationSet.PGMQ.historyTable();

    @TempDir
    static Path dataDirectory;

    private static CliRunner.Result cli(String... command) {
        String[] args = new String[command.length + 5];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[] {"--mode", "split", "--embedded", "--data-dir", dataDirectory.toString()}, 0,
                args, command.length, 5);
        return CliRunner.run(dataDirectory, Map.of(), args);
    }

    @Test
    @Order(1)
    void aDryRunListsEveryVersionOfBothSetsAndChangesNothing() throws SQLException {
        CliRunner.Result result = cli("migrate", "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("mode             split (--mode split)")
                .contains("data in " + dataDirectory.toAbsolutePath())
                .contains("Dry run: migrate would apply 14 versions. Nothing was changed.");
        for (MigrationSet set : MigrationSet.values()) {
            String database = set == MigrationSet.TASKER ? "tasker" : "pgmq";
            for (String version : set.versions()) {
                assertThat(result.out()).containsPattern(Pattern.compile(
                        "(?m)^" + database + "\\s+" + set.label() + "\\s+" + version + "\\s+.+\\s+apply$"));
            }
        }
        EmbeddedData.with(dataDirectory, DatabaseMode.SPLIT, databases -> {
            assertThat(tableExists(databases.tasker(), TASKER_HISTORY)).isFalse();
            assertThat(tableExists(databases.pgmq(), PGMQ_HISTORY)).isFalse();
            assertThat(extensionInstalled(databases.pgmq(), "pgmq")).isFalse();
            return null;
        });
    }

    @Test
    @Order(2)
    void theFirstMigrateAppliesTheTaskerSetToTheTaskerDatabaseAndThePgmqSetToThePgmqDatabase() throws SQLException {
        CliRunner.Result result = cli("migrate");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern(row("tasker", "tasker", 12, 0, 0, 0))
                .containsPattern(row("pgmq", "pgmq", 2, 0, 0, 0))
                .contains("Applied 14 versions (tasker 12, pgmq 2)");
        EmbeddedData.with(dataDirectory, DatabaseMode.SPLIT, databases -> {
            assertThat(recordedVersions(databases.tasker(), TASKER_HISTORY)).isEqualTo(MigrationSet.TASKER.versions());
            assertThat(recordedVersions(databases.pgmq(), PGMQ_HISTORY)).isEqualTo(MigrationSet.PGMQ.versions());
            assertSplitIsolation(databases);
            return null;
        });
    }

    @Test
    @Order(3)
    void theSecondMigrateAppliesNothingAndSaysSo() throws SQLException {
        CliRunner.Result result = cli("migrate");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern(row("tasker", "tasker", 0, 0, 0, 0))
                .containsPattern(row("pgmq", "pgmq", 0, 0, 0, 0))
                .contains("Nothing pending: both sets are up to date (0 applied)");
        EmbeddedData.with(dataDirectory, DatabaseMode.SPLIT, databases -> {
            assertThat(recordedVersions(databases.tasker(), TASKER_HISTORY)).isEqualTo(MigrationSet.TASKER.versions());
            assertThat(recordedVersions(databases.pgmq(), PGMQ_HISTORY)).isEqualTo(MigrationSet.PGMQ.versions());
            return null;
        });
    }

    @Test
    @Order(4)
    void infoListsEveryVersionAsApplied() {
        CliRunner.Result result = cli("info");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (MigrationSet set : MigrationSet.values()) {
            for (String version : set.versions()) {
                assertThat(result.out()).containsPattern(Pattern.compile("(?m)^" + set.label() + "\\s+" + version
                        + "\\s+.+\\s+applied\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$"));
            }
        }
        assertThat(result.out())
                .containsPattern("tasker set in postgresql://\\S+/tasker: 12 applied, 0 pending, 0 failed")
                .containsPattern("pgmq set in postgresql://\\S+/pgmq: 2 applied, 0 pending, 0 failed");
    }

    @Test
    @Order(5)
    void validateFindsBothHistoriesValid() {
        CliRunner.Result result = cli("validate");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("(?m)^tasker\\s+tasker\\s+postgresql://\\S+\\s+valid$")
                .containsPattern("(?m)^pgmq\\s+pgmq\\s+postgresql://\\S+\\s+valid$")
                .contains("Valid: both histories match the migration files.");
    }

    @Test
    @Order(6)
    void doctorPrintsEveryCheckTheFactsOfBothDatabasesAndAReadyVerdict() {
        CliRunner.Result result = cli("doctor");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Checks\n").contains("Facts\n")
                .containsPattern("(?m)^\\[ok]\\s+config\\s+mode\\s+split: tasker set in postgresql://\\S+/tasker, "
                        + "pgmq set in postgresql://\\S+/pgmq$")
                .containsPattern("(?m)^\\[ok]\\s+config\\s+servers\\s+same server localhost:\\d+, two databases "
                        + "\\(tasker, pgmq\\)$")
                .containsPattern("(?m)^\\[ok]\\s+config\\s+pools\\s+tasker pool max 25, .*; pgmq pool max 15, ")
                .containsPattern("(?m)^\\[ok]\\s+tasker\\s+split isolation\\s+no pgmq extension, no pgmq set$")
                .containsPattern("(?m)^\\[ok]\\s+pgmq\\s+split isolation\\s+no tasker set$")
                .containsPattern("(?m)^FACT\\s+TASKER DATABASE\\s+PGMQ DATABASE$")
                .containsPattern("(?m)^server version\\s+18\\.\\d+ \\(18\\d{4}\\)\\s+18\\.\\d+ \\(18\\d{4}\\)$")
                .containsPattern("(?m)^pgmq extension\\s+offered [\\d.]+.*, not installed\\s+installed [\\d.]+$")
                .containsPattern("(?m)^tasker set history\\s+12 versions \\(tasker_schema_history\\)\\s+none")
                .containsPattern("(?m)^Verdict: ready: \\d+ checks passed, 0 warnings\\.$")
                .doesNotContain("[FAIL]");
    }

    @Test
    @Order(7)
    void validateReportsATamperedChecksumWithExitCodeOne() throws SQLException {
        String first = MigrationSet.TASKER.versions().getFirst();
        EmbeddedData.with(dataDirectory, DatabaseMode.SPLIT, databases -> {
            EndpointSql.execute(databases.tasker(), "UPDATE public." + TASKER_HISTORY
                    + " SET checksum = checksum + 1 WHERE version = '" + first + "'");
            return null;
        });

        CliRunner.Result result = cli("validate");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).containsPattern("(?m)^tasker\\s+tasker\\s+postgresql://\\S+\\s+1 problem$")
                .containsPattern("(?m)^pgmq\\s+pgmq\\s+postgresql://\\S+\\s+valid$")
                .containsPattern("(?m)^  - tasker set: .*" + first)
                .contains("Invalid: the recorded histories do not match the migration files");
    }

    private static Pattern row(String database, String set, int applied, int adopted, int pending, int failed) {
        return Pattern.compile("(?m)^" + database + "\\s+" + set + "\\s+postgresql://postgres@localhost:\\d+/"
                + database + "\\s+" + applied + "\\s+" + adopted + "\\s+" + pending + "\\s+" + failed
                + "\\s+[\\d.]+ m?s$");
    }

    private static void assertSplitIsolation(ProvisionedDatabases databases) throws SQLException {
        assertThat(extensionInstalled(databases.tasker(), "pgmq")).isFalse();
        assertThat(tableExists(databases.tasker(), PGMQ_HISTORY)).isFalse();
        assertThat(extensionInstalled(databases.pgmq(), "pgmq")).isTrue();
        assertThat(tableExists(databases.pgmq(), TASKER_HISTORY)).isFalse();
        assertThat(tableExists(databases.pgmq(), "tasker_tasks")).isFalse();
        assertThat(List.of(databases.tasker().database(), databases.pgmq().database()))
                .containsExactly("tasker", "pgmq");
    }
}
