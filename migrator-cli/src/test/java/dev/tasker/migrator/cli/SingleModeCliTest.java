package dev.tasker.migrator.cli;

import static dev.tasker.migrator.EndpointSql.recordedVersions;
import static dev.tasker.migrator.EndpointSql.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.EmbeddedDatabaseProvider;
import dev.tasker.migrator.EndpointSql;
import dev.tasker.migrator.MigrationSet;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a persistent embedded server in single mode ({@code --embedded --mode single}). */
class SingleModeCliTest {

    @TempDir
    Path dataDirectory;

    @Test
    void inSingleModeTheEmbeddedServerHoldsBothSetsInOneDatabase() throws SQLException {
        CliRunner.Result info = CliRunner.run(dataDirectory, Map.of(), "info", "--embedded", "--mode", "single",
                "--data-dir", dataDirectory.toString());
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains("tasker set in postgresql://postgres@localhost:")
                .containsPattern("/" + EmbeddedDatabaseProvider.SINGLE_DATABASE + ": 0 applied, 12 pending, 0 failed")
                .containsPattern("/" + EmbeddedDatabaseProvider.SINGLE_DATABASE + ": 0 applied, 2 pending, 0 failed");

        CliRunner.Result migrate = CliRunner.run(dataDirectory, Map.of(), "migrate", "--embedded", "--mode", "single",
                "--data-dir", dataDirectory.toString());

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out())
                .contains("mode             single (--mode single)")
                .contains("pgmq database    the tasker database (single mode)")
                .containsPattern("(?m)^tasker_single\\s+tasker\\s+\\S+\\s+12\\s+0\\s+0\\s+0\\s+")
                .containsPattern("(?m)^tasker_single\\s+pgmq\\s+\\S+\\s+2\\s+0\\s+0\\s+0\\s+")
                .contains("Applied 14 versions (tasker 12, pgmq 2)");
        EmbeddedData.with(dataDirectory, DatabaseMode.SINGLE, databases -> {
            assertThat(recordedVersions(databases.tasker(), MigrationSet.TASKER.historyTable()))
                    .isEqualTo(MigrationSet.TASKER.versions());
            assertThat(recordedVersions(databases.tasker(), MigrationSet.PGMQ.historyTable()))
                    .isEqualTo(MigrationSet.PGMQ.versions());
            return null;
        });
    }

    @Test
    void aFailingVersionExitsWithOneKeepsWhatWasAppliedAndDoesNotStartThePgmqSet() throws SQLException {
        String failing = "20251115000000";
        EmbeddedData.with(dataDirectory, DatabaseMode.SINGLE, databases -> {
            // The DLQ migration creates this table without IF NOT EXISTS, so it fails when the table is there.
            EndpointSql.execute(databases.tasker(), "CREATE TABLE public.tasker_tasks_dlq (id int)");
            return null;
        });

        CliRunner.Result result = CliRunner.run(dataDirectory, Map.of(), "migrate", "--embedded", "--mode", "single",
                "--data-dir", dataDirectory.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("FAILED: the tasker set: ").contains(failing);
        assertThat(result.out()).contains("Migration failed after");
        List<String> before = MigrationSet.TASKER.versions().stream()
                .filter(version -> version.compareTo(failing) < 0).toList();
        EmbeddedData.with(dataDirectory, DatabaseMode.SINGLE, databases -> {
            assertThat(recordedVersions(databases.tasker(), MigrationSet.TASKER.historyTable())).isEqualTo(before);
            assertThat(recordedVersions(databases.tasker(), MigrationSet.PGMQ.historyTable())).isEmpty();
            assertThat(tableExists(databases.tasker(), "tasker_tasks")).isTrue();
            return null;
        });
    }
}
