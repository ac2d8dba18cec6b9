package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** create_dlq_entry and the DLQ table's own rules: pending uniqueness, updated_at trigger (§2.14, §5.1, §6.9). */
class CreateDlqEntryTest extends TaskerSchemaTest {

    private static final String CREATE = "SELECT create_dlq_entry(?, ?, ?, ?, ?, ?, ?) AS entry";

    private OpsData ops;
    private OpsData.TemplateTask task;

    @BeforeEach
    void staleLookingTask() throws SQLException {
        ops = new OpsData(db, fixtures);
        task = ops.newTaskIn("pending", "initializing", "waiting_for_dependencies");
    }

    private UUID create(String reason) throws SQLException {
        return (UUID) value(CREATE, task.taskUuid(), task.namespaceName(), task.taskName(),
                "waiting_for_dependencies", 75, 60, reason);
    }

    private Map<String, Object> entry(UUID entry) throws SQLException {
        return row("SELECT * FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", entry);
    }

    @Test
    @DisplayName("creates a pending entry for the task: original_state, reason, default timestamps")
    void createsPendingEntry() throws SQLException {
        UUID created = create("staleness_timeout");

        assertThat(created).isNotNull();
        Map<String, Object> entry = row("SELECT task_uuid, original_state, dlq_reason::text AS reason,"
                + " resolution_status::text AS status, resolution_timestamp, resolved_by,"
                + " created_at = dlq_timestamp AS created_now,"
                + " updated_at = dlq_timestamp AS updated_now FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?",
                created);
        assertThat(entry).containsEntry("task_uuid", task.taskUuid())
                .containsEntry("original_state", "waiting_for_dependencies")
                .containsEntry("reason", "staleness_timeout").containsEntry("status", "pending")
                .containsEntry("resolution_timestamp", null).containsEntry("resolved_by", null)
                .containsEntry("created_now", true).containsEntry("updated_now", true);
    }

    @Test
    @DisplayName("the snapshot holds the arguments, a snapshot_timestamp and the task's details")
    void snapshotContent() throws SQLException {
        UUID created = create("staleness_timeout");

        Map<String, Object> snapshot = row("""
                SELECT d.task_snapshot ->> 'task_uuid' AS task_uuid,
                       d.task_snapshot ->> 'namespace' AS namespace,
                       d.task_snapshot ->> 'task_name' AS task_name,
                       d.task_snapshot ->> 'current_state' AS current_state,
                       d.task_snapshot -> 'time_in_state_minutes' = '75'::jsonb AS time_in_state,
                       d.task_snapshot -> 'threshold_minutes' = '60'::jsonb AS threshold,
                       d.task_snapshot -> 'snapshot_timestamp' IS NOT NULL AS has_snapshot_timestamp,
                       d.task_snapshot -> 'task_details' = jsonb_build_object(
                           'correlation_id', t.correlation_id, 'priority', t.priority,
                           'requested_at', t.requested_at, 'created_at', t.created_at) AS details_match,
                       (SELECT count(*) FROM jsonb_object_keys(d.task_snapshot)) AS key_count
                FROM tasker_tasks_dlq d JOIN tasker_tasks t ON t.task_uuid = d.task_uuid
                WHERE d.dlq_entry_uuid = ?""", created);
        assertThat(snapshot).containsEntry("task_uuid", task.taskUuid().toString())
                .containsEntry("namespace", task.namespaceName()).containsEntry("task_name", task.taskName())
                .containsEntry("current_state", "waiting_for_dependencies").containsEntry("time_in_state", true)
                .containsEntry("threshold", true).containsEntry("has_snapshot_timestamp", true)
                .containsEntry("details_match", true).containsEntry("key_count", 8L);
    }

    @Test
    @DisplayName("metadata is {detection_method: automatic_staleness, time_in_state_minutes, threshold_minutes}")
    void metadataContent() throws SQLException {
        UUID created = create("staleness_timeout");

        assertThat(value("SELECT metadata = '{\"detection_method\": \"automatic_staleness\","
                + " \"time_in_state_minutes\": 75, \"threshold_minutes\": 60}'::jsonb"
                + " FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", created)).isEqualTo(true);
    }

    @Test
    @DisplayName("the reason argument is stored as the dlq_reason enum; it defaults to staleness_timeout")
    void reasonArgumentAndDefault() throws SQLException {
        UUID explicit = create("max_retries_exceeded");
        execute("UPDATE tasker_tasks_dlq SET resolution_status = 'cancelled' WHERE dlq_entry_uuid = ?", explicit);
        UUID defaulted = (UUID) value("SELECT create_dlq_entry(?, 'ns', 'task', 'waiting_for_retry', 1, 2)",
                task.taskUuid());

        assertThat(entry(explicit).get("dlq_reason")).hasToString("max_retries_exceeded");
        assertThat(entry(defaulted).get("dlq_reason")).hasToString("staleness_timeout");
    }

    @Test
    @DisplayName("a second entry while one is pending returns NULL and adds no row")
    void secondPendingEntryReturnsNull() throws SQLException {
        UUID first = create("staleness_timeout");

        UUID second = create("worker_unavailable");

        assertThat(first).isNotNull();
        assertThat(second).isNull();
        assertThat(value("SELECT count(*) FROM tasker_tasks_dlq WHERE task_uuid = ?", task.taskUuid()))
                .isEqualTo(1L);
    }

    @Test
    @DisplayName("uniqueness is per pending entry: once the first is resolved, a new pending entry is allowed")
    void newEntryAfterResolution() throws SQLException {
        UUID first = create("staleness_timeout");
        execute("UPDATE tasker_tasks_dlq SET resolution_status = 'manually_resolved',"
                + " resolution_timestamp = now() WHERE dlq_entry_uuid = ?", first);

        UUID second = create("staleness_timeout");

        assertThat(second).isNotNull().isNotEqualTo(first);
        assertThat(value("SELECT count(*) FROM tasker_tasks_dlq WHERE task_uuid = ?", task.taskUuid()))
                .isEqualTo(2L);
    }

    @Test
    @DisplayName("idx_dlq_unique_pending_task rejects a second pending row written directly")
    void uniquePendingIndexRejectsDirectInsert() throws SQLException {
        create("staleness_timeout");

        assertThatThrownBy(() -> execute("INSERT INTO tasker_tasks_dlq (task_uuid, original_state, dlq_reason,"
                + " task_snapshot) VALUES (?, 'error', 'manual_dlq', '{}')", task.taskUuid()))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
    }

    @Test
    @DisplayName("a reason that is not a dlq_reason becomes a warning and NULL, not an error")
    void unknownReasonReturnsNull() throws SQLException {
        assertThat(create("bored")).isNull();
        assertThat(value("SELECT count(*) FROM tasker_tasks_dlq WHERE task_uuid = ?", task.taskUuid()))
                .isEqualTo(0L);
    }

    @Test
    @DisplayName("an unknown task becomes a warning and NULL, not an error")
    void unknownTaskReturnsNull() throws SQLException {
        assertThat(value(CREATE, UUID.randomUUID(), "ns", "task", "waiting_for_retry", 1, 2, "staleness_timeout"))
                .isNull();
    }

    @Test
    @DisplayName("update_dlq_updated_at sets updated_at to the current timestamp on every UPDATE")
    void updatedAtTrigger() throws SQLException {
        UUID created = create("staleness_timeout");
        execute("UPDATE tasker_tasks_dlq SET dlq_timestamp = dlq_timestamp - interval '1 day',"
                + " created_at = created_at - interval '1 day' WHERE dlq_entry_uuid = ?", created);

        Map<String, Object> updated = row("UPDATE tasker_tasks_dlq SET resolution_notes = 'looked at it',"
                + " updated_at = '2000-01-01' WHERE dlq_entry_uuid = ?"
                + " RETURNING updated_at = now()::timestamp AS touched_now, created_at < updated_at AS created_kept",
                created);

        assertThat(updated).containsEntry("touched_now", true).containsEntry("created_kept", true);
    }
}
