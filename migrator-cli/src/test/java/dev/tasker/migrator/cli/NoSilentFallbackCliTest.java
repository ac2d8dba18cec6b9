package dev.tasker.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without --embedded the CLI never starts the embedded server: no configured URL, or a URL hidden behind a typo,
 * is a configuration error (exit 3) naming what to set, and no embedded data directory appears.
 */
class NoSilentFallbackCliTest {

    @TempDir
    Path workingDirectory;

    @Test
    void everyCommandWithoutAUrlAndWithoutEmbeddedExitsWithThreeNamingWhatToSet() {
        for (Command command : Command.values()) {
            CliRunner.Result result = CliRunner.run(workingDirectory, Map.of(), command.label());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("tasker-migrator: configuration error: No database configured. "
                            + "Set DATABASE_URL (environment) or tasker.database.url")
                    .contains("PGMQ_DATABASE_URL").contains("pass --embedded");
        }
        assertThat(workingDirectory.resolve(".tasker")).doesNotExist();
    }

    @Test
    void aDryRunOrADataDirectoryAloneDoesNotSelectTheEmbeddedServer() {
        CliRunner.Result dryRun = CliRunner.run(workingDirectory, Map.of(), "migrate", "--dry-run");
        CliRunner.Result dataDir = CliRunner.run(workingDirectory, Map.of(), "migrate", "--mode", "split",
                "--data-dir", "pg");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(3);
        assertThat(dataDir.exitCode()).as(dataDir.toString()).isEqualTo(3);
        assertThat(dataDir.err()).contains("No database configured");
        assertThat(workingDirectory.resolve("pg")).doesNotExist();
    }

    @Test
    void aMisspelledKeyInAConfigFileIsRefusedWithTheClosestSetting() throws IOException {
        Files.writeString(workingDirectory.resolve("typo.properties"),
                "tasker.databse.url=postgresql://tasker@db.example/tasker\n");

        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of(), "migrate", "--config", "typo.properties");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).startsWith("tasker-migrator: configuration error: Unknown setting "
                        + "'tasker.databse.url' (config file " + workingDirectory.resolve("typo.properties") + ")")
                .endsWith("Did you mean tasker.database.url?\n");
        assertThat(workingDirectory.resolve(".tasker")).doesNotExist();
    }

    @Test
    void anEnvironmentStyleKeyInAConfigFileIsRefusedWithItsPropertySpelling() throws IOException {
        Files.writeString(workingDirectory.resolve("env.properties"),
                "DATABASE_URL=postgresql://tasker@db.example/tasker\n");

        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of(), "status", "--config", "env.properties");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("'DATABASE_URL' (config file ").contains("is an environment variable name")
                .contains("write tasker.database.url=...");
    }

    @Test
    void anEmptyUrlInAConfigFileCountsAsUnsetAndIsNotAFallback() throws IOException {
        Files.writeString(workingDirectory.resolve("empty.properties"), "tasker.database.url=\n");

        CliRunner.Result result = CliRunner.run(workingDirectory, Map.of(), "migrate", "--config", "empty.properties");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("No database configured (read: config file "
                + workingDirectory.resolve("empty.properties") + ")");
    }

    @Test
    void aMisspelledSystemPropertyUnderTaskerIsRefused() {
        Properties properties = new Properties();
        properties.setProperty(TaskerMigratorCli.WORKING_DIR_PROPERTY, workingDirectory.toString());
        properties.setProperty("tasker.pgmq-databse.url", "postgresql://tasker@db.example/pgmq");

        CliRunner.Result result = CliRunner.run(Map.of(), properties, "info");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("Unknown setting 'tasker.pgmq-databse.url' (system property)")
                .contains("Did you mean tasker.pgmq-database.url?");
    }
}
