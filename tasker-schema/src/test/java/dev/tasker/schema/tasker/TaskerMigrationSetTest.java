package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The tasker set as a Flyway set: versions, history table, re-runs, and no pgmq in split mode. */
class TaskerMigrationSetTest extends TaskerSchemaTest {

    @Test
    void historyRecordsTheTwelveUpstreamVersionsInOrder() throws SQLException {
        List<Map<String, Object>> history = rows("SELECT version, success FROM " + TaskerMigrations.HISTORY_TABLE
                + " WHERE version IS NOT NULL ORDER BY installed_rank");

        assertThat(history).extracting(row -> row.get("version")).containsExactlyElementsOf(TaskerMigrations.VERSIONS);
        assertThat(history).allSatisfy(row -> assertThat(row.get("success")).isEqualTo(true));
    }

    @Test
    void everyVersionIsAppliedAndNothingIsPending() {
        MigrationInfo[] applied = TaskerMigrations.flyway(tasker().dataSource()).info().applied();
        MigrationInfo[] pending = TaskerMigrations.flyway(tasker().dataSource()).info().pending();

        assertThat(applied).hasSize(TaskerMigrations.VERSIONS.size());
        assertThat(pending).isEmpty();
    }

    @Test
    void aSecondRunAppliesNothing() {
        MigrateResult again = TaskerMigrations.flyway(tasker().dataSource()).migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.success).isTrue();
    }

    @Test
    void descriptionsAreUpstreams() {
        assertThat(TaskerMigrations.flyway(tasker().dataSource()).info().applied())
                .extracting(MigrationInfo::getDescription)
                .containsExactly("uuid v7 initial schema", "tas41 richer task states", "add waiting for retry state",
                        "fix permanently blocked detection", "fix retry eligibility logic", "add correlation ids",
                        "add stale task discovery fixes", "comprehensive dlq system", "add unique edge constraint",
                        "add step result audit", "fix execution status priority", "add checkpoint column");
    }

    @Test
    void uuidGenerateV7IsAvailableForColumnDefaults() throws SQLException {
        Object generated = value("SELECT uuid_generate_v7()");

        assertThat(generated).isInstanceOf(UUID.class);
        assertThat(((UUID) generated).version()).isEqualTo(7);
    }

    @Test
    void inSingleModeEachSetKeepsItsOwnCompleteHistory() throws SQLException {
        assumeTrue(!databases.pgmqIsSeparate(), "single mode only");

        List<Map<String, Object>> tasker = rows("SELECT version, type FROM " + TaskerMigrations.HISTORY_TABLE
                + " ORDER BY installed_rank");
        List<Map<String, Object>> pgmq = rows("SELECT version, type FROM "
                + PgmqMigrations.HISTORY_TABLE + " ORDER BY installed_rank");

        // Only SQL migrations: no baseline row stands in for a version that never ran.
        assertThat(tasker).extracting(row -> row.get("version"))
                .containsExactlyElementsOf(TaskerMigrations.VERSIONS);
        assertThat(pgmq).extracting(row -> row.get("version"))
                .containsExactlyElementsOf(PgmqMigrations.VERSIONS);
        assertThat(tasker).extracting(row -> row.get("type")).containsOnly("SQL");
        assertThat(pgmq).extracting(row -> row.get("type")).containsOnly("SQL");
    }

    @Test
    void theTaskerDatabaseHasPgmqOnlyInSingleMode() throws SQLException {
        boolean pgmqSchema = (boolean) value("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgmq')");
        boolean pgmqExtension = (boolean) value("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgmq')");

        boolean single = !databases.pgmqIsSeparate();
        assertThat(pgmqSchema).as("pgmq schema in the tasker database").isEqualTo(single);
        assertThat(pgmqExtension).as("pgmq extension in the tasker database").isEqualTo(single);
    }
}
