package dev.tasker.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy gate on a fresh embedded server in its default mode: {@code status} and {@code validate} exit 5 while
 * versions are pending (never 0 on a never-migrated database), 0 after {@code migrate}; the embedded default mode is
 * the one the README's first command uses; a data directory initdb cannot use is reported as such.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployGateCliTest {

    @TempDir
    static Path dataDirectory;

    private static CliRunner.Result cli(String... command) {
        String[] args = new String[command.length + 3];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[] {"--embedded", "--data-dir", dataDirectory.toString()}, 0, args,
                command.length, 3);
        return CliRunner.run(dataDirectory, Map.of(), args);
    }

    @Test
    @Order(1)
    void statusAndValidateOnANeverMigratedDatabaseExitWithFiveAndChangeNothing() {
        CliRunner.Result status = cli("status");
        CliRunner.Result validate = cli("validate");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.PENDING.code()).isEqualTo(5);
        assertThat(status.out()).contains("mode             split (the embedded server's default")
                .containsPattern("(?m)^tasker\\s+tasker\\s+\\S+\\s+0\\s+12\\s+0\\s+valid$")
                .containsPattern("(?m)^pgmq\\s+pgmq\\s+\\S+\\s+0\\s+2\\s+0\\s+valid$")
                .contains("Pending: 14 versions not yet applied (tasker set 12, from 20250810140000; pgmq set 2, "
                        + "from 20250810140001). The database is behind this release: run 'tasker-migrator migrate'.");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(5);
        assertThat(validate.out()).contains("Pending: 14 versions not yet applied");
        assertThat(cli("status").exitCode()).as("status changed nothing").isEqualTo(5);
    }

    @Test
    @Order(2)
    void afterTheReadmesFirstCommandStatusValidateAndInfoInTheDefaultModeShowNothingPending() {
        CliRunner.Result migrate = CliRunner.run(dataDirectory, Map.of(), "migrate", "--mode", "split", "--embedded",
                "--data-dir", dataDirectory.toString());
        CliRunner.Result status = cli("status");
        CliRunner.Result validate = cli("validate");
        CliRunner.Result info = cli("info");

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("(?m)^tasker\\s+tasker\\s+\\S+\\s+12\\s+0\\s+0\\s+valid$")
                .contains("Valid: both histories match the migration files. Nothing pending.");
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains(": 12 applied, 0 pending, 0 failed")
                .contains(": 2 applied, 0 pending, 0 failed");
    }

    @Test
    @Order(3)
    void aNonEmptyDirectoryThatIsNoDataDirectoryIsReportedAsSuchAndDoctorDoesNotSendYouToDoctor()
            throws IOException {
        Path notData = Files.createDirectories(dataDirectory.resolve("not-a-data-dir"));
        Files.writeString(notData.resolve("notes.txt"), "mine");

        CliRunner.Result migrate = CliRunner.run(dataDirectory, Map.of(), "migrate", "--embedded", "--data-dir",
                notData.toString());
        CliRunner.Result doctor = CliRunner.run(dataDirectory, Map.of(), "doctor", "--embedded", "--data-dir",
                notData.toString());

        for (CliRunner.Result result : new CliRunner.Result[] {migrate, doctor}) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
            assertThat(result.err()).contains("data directory " + notData + " is not empty and is not a PostgreSQL "
                    + "data directory (no PG_VERSION; it holds notes.txt)").doesNotContain("locale");
        }
        assertThat(migrate.err()).contains("Run 'tasker-migrator doctor'");
        assertThat(doctor.err()).doesNotContain("Run 'tasker-migrator doctor'");
        assertThat(notData.resolve("notes.txt")).hasContent("mine");
        assertThat(notData.resolve("PG_VERSION")).doesNotExist();
    }
}
