package dev.tasker.migrator.cli;

import static dev.tasker.migrator.EndpointSql.recordedVersions;
import static dev.tasker.migrator.EndpointSql.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.migrator.EndpointSql;
import dev.tasker.migrator.MigrationSet;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with DATABASE_URL / PGMQ_DATABASE_URL in its environment, against the test suite's database server: the
 * mode follows the URLs, a disagreeing --mode is a configuration error, a role without rights fails the preflight,
 * an unreachable server is "not ready", and the password in the URLs is never printed.
 */
class ConfiguredUrlsCliTest {

    private static final String PASSWORD = "Never-Printed-Pa55";

    private static ProvisionedDatabases split;

    @TempDir
    Path workingDirectory;

    @BeforeAll
    static void provision() {
        split = TestDatabases.provision(DatabaseMode.SPLIT);
    }

    @Test
    void theUrlsChooseSplitModeAndBothSetsLandInTheirDatabases() throws SQLException {
        Map<String, String> environment = Map.of("DATABASE_URL", url(split.tasker()),
                "PGMQ_DATABASE_URL", url(split.pgmq()));

        CliRunner.Result migrate = CliRunner.run(workingDirectory, environment, "migrate");
        CliRunner.Result doctor = CliRunner.run(workingDirectory, environment, "doctor", "--mode", "split");

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("split (PGMQ_DATABASE_URL is set and differs from DATABASE_URL)")
                .contains("Applied 14 versions (tasker 12, pgmq 2)")
                .doesNotContain("embedded server");
        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        assertThat(doctor.out()).contains("Verdict: ready");
        assertThat(migrate.all() + doctor.all()).doesNotContain(PASSWORD);
        assertThat(recordedVersions(split.tasker(), MigrationSet.TASKER.historyTable()))
                .isEqualTo(MigrationSet.TASKER.versions());
        assertThat(recordedVersions(split.pgmq(), MigrationSet.PGMQ.historyTable()))
                .isEqualTo(MigrationSet.PGMQ.versions());
        assertThat(tableExists(split.tasker(), MigrationSet.PGMQ.historyTable())).isFalse();
    }

    @Test
    void aModeThatDisagreesWithTheUrlsIsAConfigurationErrorNamingBothUrlsMasked() {
        CliRunner.Result single = CliRunner.run(workingDirectory, Map.of("DATABASE_URL", url(split.tasker()),
                "PGMQ_DATABASE_URL", url(split.pgmq())), "migrate", "--mode", "single");
        CliRunner.Result splitWithOneUrl = CliRunner.run(workingDirectory, Map.of("DATABASE_URL",
                url(split.tasker())), "info", "--mode", "split");

        assertThat(single.exitCode()).as(single.toString()).isEqualTo(3);
        assertThat(single.err()).startsWith("tasker-migrator: configuration error: --mode single disagrees with the "
                        + "configured databases, which mean split mode: DATABASE_URL (environment) = "
                        + masked(split.tasker()) + "; PGMQ_DATABASE_URL (environment) = " + masked(split.pgmq()))
                .contains("For single mode unset PGMQ_DATABASE_URL");
        assertThat(splitWithOneUrl.exitCode()).as(splitWithOneUrl.toString()).isEqualTo(3);
        assertThat(splitWithOneUrl.err()).contains("--mode split disagrees with the configured databases, which mean "
                + "single mode: DATABASE_URL (environment) = " + masked(split.tasker())
                + "; PGMQ_DATABASE_URL is not set. For split mode set PGMQ_DATABASE_URL");
        assertThat(single.out() + splitWithOneUrl.out()).isEmpty();
        assertThat(single.all() + splitWithOneUrl.all()).doesNotContain(PASSWORD);
    }

    @Test
    void embeddedOverridesTheConfiguredUrlsAndSaysSo() {
        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of("DATABASE_URL",
                "postgresql://tasker:" + PASSWORD + "@unreachable.invalid/tasker"), "info", "--embedded");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("note             --embedded: DATABASE_URL (environment) is ignored")
                .contains("data in " + workingDirectory.resolve(".tasker").resolve("embedded"))
                .contains(": 0 applied, 12 pending, 0 failed");
        assertThat(result.all()).doesNotContain(PASSWORD).doesNotContain("unreachable.invalid");
    }

    @Test
    void aDataDirectoryWithConfiguredUrlsIsAConfigurationError() {
        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of("DATABASE_URL", url(split.tasker())),
                "migrate", "--data-dir", "somewhere");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("--data-dir applies only to the embedded server, but DATABASE_URL "
                + "(environment) is configured; add --embedded");
    }

    @Test
    void aRoleWithoutRightsFailsThePreflightWithExitFourAndNothingChanges() throws SQLException {
        ProvisionedDatabases single = TestDatabases.provision(DatabaseMode.SINGLE);
        String role = "cli_weak_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        EndpointSql.execute(single.tasker(), "CREATE ROLE " + role + " LOGIN");
        DatabaseEndpoint weak = new DatabaseEndpoint(single.tasker().host(), single.tasker().port(),
                single.tasker().database(), role, "", Map.of());

        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of("DATABASE_URL", url(weak)), "migrate");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).startsWith("Preflight failed (").contains("nothing was changed").contains("[FAIL]")
                .contains("Run 'tasker-migrator doctor' for the full checklist.");
        assertThat(result.all()).doesNotContain(PASSWORD);
        assertThat(tableExists(single.tasker(), MigrationSet.TASKER.historyTable())).isFalse();
        assertThat(tableExists(single.tasker(), MigrationSet.PGMQ.historyTable())).isFalse();
    }

    @Test
    void anUnreachableServerIsNotReadyAndThePasswordStaysHidden() {
        Map<String, String> environment = Map.of(
                "DATABASE_URL", "postgresql://tasker:" + PASSWORD + "@127.0.0.1:1/tasker",
                "PGMQ_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/pgmq?user=tasker&password=" + PASSWORD,
                "DATABASE_POOL_ACQUIRE_TIMEOUT", "1s",
                "PGMQ_DATABASE_POOL_ACQUIRE_TIMEOUT", "1s");

        CliRunner.Result migrate = CliRunner.run(workingDirectory, environment, "migrate");
        CliRunner.Result info = CliRunner.run(workingDirectory, environment, "info");
        CliRunner.Result doctor = CliRunner.run(workingDirectory, environment, "doctor");

        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(4);
        assertThat(migrate.err()).contains("nothing was changed")
                .containsPattern("(?m)^\\[FAIL]\\s+tasker\\s+reachable\\s+.*127\\.0\\.0\\.1:1")
                .containsPattern("(?m)^\\[FAIL]\\s+pgmq\\s+reachable\\s+.*127\\.0\\.0\\.1:1");
        assertThat(info.exitCode()).as(info.toString()).isEqualTo(4);
        assertThat(info.err()).startsWith("tasker-migrator: database not ready: ").contains("127.0.0.1:1");
        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(4);
        assertThat(doctor.out()).contains("No facts from the tasker database: see its [FAIL] checks above.")
                .containsPattern("(?m)^Verdict: NOT READY: 2 checks failed");
        assertThat(migrate.all() + info.all() + doctor.all()).doesNotContain(PASSWORD);
    }

    private static String url(DatabaseEndpoint endpoint) {
        return "postgresql://" + endpoint.user() + ":" + PASSWORD + "@" + endpoint.host() + ":" + endpoint.port() + "/"
                + endpoint.database();
    }

    private static String masked(DatabaseEndpoint endpoint) {
        return "postgresql://" + endpoint.user() + ":****@" + endpoint.host() + ":" + endpoint.port() + "/"
                + endpoint.database();
    }
}
