package dev.tasker.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines and configurations the CLI refuses before it touches any database. */
class UsageAndConfigurationErrorsCliTest {

    private static final String PASSWORD = "Never-Printed-Pa55";

    @TempDir
    Path workingDirectory;

    @Test
    void helpPrintsTheUsageWithEveryCommandOptionAndExitCode() {
        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("Usage: tasker-migrator <command> [options]\n")
                .contains("  migrate ", "  info ", "  validate ", "  doctor ")
                .contains("--mode single|split", "--embedded", "--data-dir DIR", "--config FILE", "--dry-run",
                        "-h, --help")
                .contains("DATABASE_URL", "PGMQ_DATABASE_URL", "PGMQ_DATABASE_POOL_*", "tasker.database.url");
        for (ExitCode code : ExitCode.values()) {
            assertThat(result.out()).contains("\n  " + code.code() + "  " + code.meaning().substring(0, 20));
        }
    }

    @Test
    void usageErrorsExitWithTwoAndPrintTheUsageOnStderr() {
        for (String[] args : new String[][] {{}, {"upgrade"}, {"migrate", "--force"}, {"info", "--dry-run"},
                {"migrate", "--mode", "both"}}) {
            CliRunner.Result result = CliRunner.run(workingDirectory, Map.of(), args);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("tasker-migrator: ").contains("\nUsage: tasker-migrator <command>");
        }
    }

    @Test
    void aBadUrlIsAConfigurationErrorWithThePasswordMasked() {
        CliRunner.Result result = CliRunner.run(workingDirectory,
                Map.of("DATABASE_URL", "postgresql://tasker:" + PASSWORD + "@db:54x2/tasker"), "migrate");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).startsWith("tasker-migrator: configuration error: DATABASE_URL (environment) "
                + "'postgresql://tasker:****@db:54x2/tasker' is not a valid PostgreSQL URL: port '54x2' is not a "
                + "number");
        assertThat(result.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aBadPoolSettingIsAConfigurationErrorNamingTheKeyAndItsSource() {
        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of("DATABASE_POOL_MAX_CONNECTIONS", "ten"),
                "doctor");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("tasker-migrator: configuration error: DATABASE_POOL_MAX_CONNECTIONS "
                + "(environment) must be a whole number, got 'ten'\n");
    }

    @Test
    void aRelativeConfigFileIsReadFromTheWorkingDirectoryAndItsErrorsNameIt() throws IOException {
        Path file = Files.writeString(workingDirectory.resolve("tasker.properties"),
                "tasker.database.url=postgresql://tasker:" + PASSWORD + "@db/tasker\n"
                        + "tasker.pgmq-database.pool.acquire-timeout=soon\n");

        CliRunner.Result bad = CliRunner.run(workingDirectory, Map.of(), "info", "--config", "tasker.properties");
        CliRunner.Result missing = CliRunner.run(workingDirectory, Map.of(), "info", "--config=absent.properties");

        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(3);
        assertThat(bad.err()).contains("tasker.pgmq-database.pool.acquire-timeout (config file " + file
                + ") must be a duration");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        assertThat(missing.err()).contains("The config file " + workingDirectory.resolve("absent.properties")
                + " (given by --config) does not exist");
        assertThat(bad.all() + missing.all()).doesNotContain(PASSWORD);
    }
}
