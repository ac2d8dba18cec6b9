package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** detect_and_transition_stale_tasks: the staleness sweep, dry and real (§6.9). Scans every task: truncates. */
class DetectAndTransitionStaleTasksTest extends TaskerSchemaTest {

    private static final String DRY_RUN = "SELECT * FROM detect_and_transition_stale_tasks()";
    private static final String REAL_RUN = "SELECT * FROM detect_and_transition_stale_tasks(false)";

    private OpsData ops;
    private OpsData.TemplateTask stale;

    @BeforeEach
    void oneStaleTask() throws SQLException {
        truncateTaskerTables();
        ops = new OpsData(db, fixtures);
        stale = ops.newTaskIn("pending", "initializing", "waiting_for_dependencies");
        ops.currentTaskStateEnteredMinutesAgo(stale.taskUuid(), 90.4);
    }

    private Object currentState(UUID task) throws SQLException {
        return value("SELECT to_state FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", task);
    }

    private long count(String table) throws SQLException {
        return (Long) value("SELECT count(*) FROM " + table);
    }

    @Test
    @DisplayName("the default is a dry run: it reports 'would_transition_to_dlq_and_error' and writes nothing")
    void dryRunWritesNothing() throws SQLException {
        long transitionsBefore = count("tasker_task_transitions");

        Map<String, Object> reported = row(DRY_RUN);

        assertThat(reported).containsEntry("task_uuid", stale.taskUuid())
                .containsEntry("action_taken", "would_transition_to_dlq_and_error")
                .containsEntry("moved_to_dlq", false).containsEntry("transition_success", false);
        assertThat(count("tasker_task_transitions")).isEqualTo(transitionsBefore);
        assertThat(count("tasker_tasks_dlq")).isZero();
        assertThat(currentState(stale.taskUuid())).isEqualTo("waiting_for_dependencies");
    }

    @Test
    @DisplayName("a row reports names, state, minutes in state rounded to integer and the threshold")
    void reportedColumns() throws SQLException {
        Map<String, Object> reported = row(DRY_RUN);

        assertThat(reported).containsEntry("namespace_name", stale.namespaceName())
                .containsEntry("task_name", stale.taskName())
                .containsEntry("current_state", "waiting_for_dependencies")
                .containsEntry("time_in_state_minutes", 90).containsEntry("staleness_threshold_minutes", 60);
    }

    @Test
    @DisplayName("real run: action transitioned_to_dlq_and_error, moved_to_dlq and transition_success true")
    void realRunReport() throws SQLException {
        Map<String, Object> reported = row(REAL_RUN);

        assertThat(reported).containsEntry("task_uuid", stale.taskUuid())
                .containsEntry("action_taken", "transitioned_to_dlq_and_error")
                .containsEntry("moved_to_dlq", true).containsEntry("transition_success", true);
    }

    @Test
    @DisplayName("real run end to end: task in error with the staleness reason, one DLQ row, the views show it")
    void realRunEndToEnd() throws SQLException {
        row(REAL_RUN);

        assertThat(row("SELECT from_state, to_state, transition_metadata ->> 'reason' AS reason"
                + " FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", stale.taskUuid()))
                .containsEntry("from_state", "waiting_for_dependencies").containsEntry("to_state", "error")
                .containsEntry("reason", "staleness_timeout");
        assertThat(row("SELECT task_uuid, original_state, dlq_reason::text AS reason,"
                + " resolution_status::text AS status, (metadata ->> 'time_in_state_minutes')::int AS minutes,"
                + " (metadata ->> 'threshold_minutes')::int AS threshold FROM tasker_tasks_dlq"))
                .containsEntry("task_uuid", stale.taskUuid())
                .containsEntry("original_state", "waiting_for_dependencies")
                .containsEntry("reason", "staleness_timeout").containsEntry("status", "pending")
                .containsEntry("minutes", 90).containsEntry("threshold", 60);
        assertThat(row("SELECT task_uuid, task_name, current_state FROM v_dlq_investigation_queue"))
                .containsEntry("task_uuid", stale.taskUuid()).containsEntry("task_name", stale.taskName())
                .containsEntry("current_state", "waiting_for_dependencies");
        assertThat(row("SELECT dlq_reason::text AS reason, total_entries, pending FROM v_dlq_dashboard"))
                .containsEntry("reason", "staleness_timeout").containsEntry("total_entries", 1L)
                .containsEntry("pending", 1L);
        assertThat(rows("SELECT 1 FROM v_task_staleness_monitoring WHERE task_uuid = ?", stale.taskUuid()))
                .as("an error task is no longer monitored").isEmpty();
    }

    @Test
    @DisplayName("a second real run finds nothing: the task is in error now")
    void secondRunFindsNothing() throws SQLException {
        row(REAL_RUN);

        assertThat(rows(REAL_RUN)).isEmpty();
        assertThat(count("tasker_tasks_dlq")).isEqualTo(1L);
    }

    @Test
    @DisplayName("fresh tasks are left alone; the thresholds and batch size are passed on to the discovery")
    void argumentsArePassedOn() throws SQLException {
        UUID retry = ops.newTaskIn("waiting_for_retry").taskUuid();
        ops.currentTaskStateEnteredMinutesAgo(retry, 20);

        assertThat(rows(DRY_RUN)).extracting(row -> row.get("task_uuid")).containsExactly(stale.taskUuid());
        assertThat(rows("SELECT * FROM detect_and_transition_stale_tasks(true, 100, 60, 15)"))
                .extracting(row -> row.get("task_uuid")).containsExactly(stale.taskUuid(), retry);
        assertThat(rows("SELECT * FROM detect_and_transition_stale_tasks(true, 1, 60, 15)"))
                .extracting(row -> row.get("task_uuid")).containsExactly(stale.taskUuid());
        assertThat(rows("SELECT * FROM detect_and_transition_stale_tasks(true, 100, 100, 30, 30, 24)")).isEmpty();
    }

    @Test
    @DisplayName("the task lifetime argument is passed on: an old task is swept whatever its time in state")
    void lifetimeArgumentIsPassedOn() throws SQLException {
        UUID old = ops.newTaskIn("steps_in_process").taskUuid();
        ops.taskCreatedMinutesAgo(old, 5 * 60);

        assertThat(rows("SELECT * FROM detect_and_transition_stale_tasks(true, 100, 60, 30, 30, 4)"))
                .extracting(row -> row.get("task_uuid")).containsExactlyInAnyOrder(stale.taskUuid(), old);
    }

    @Test
    @DisplayName("action table: DLQ entry failed, transition succeeded -> transitioned_to_error_only")
    void dlqFailsTransitionSucceeds() throws SQLException {
        Map<String, Object> reported = realRunWithFailures("tasker_tasks_dlq");

        assertThat(reported).containsEntry("action_taken", "transitioned_to_error_only")
                .containsEntry("moved_to_dlq", false).containsEntry("transition_success", true);
    }

    @Test
    @DisplayName("action table: DLQ entry created, transition failed -> moved_to_dlq_only")
    void dlqSucceedsTransitionFails() throws SQLException {
        Map<String, Object> reported = realRunWithFailures("tasker_task_transitions");

        assertThat(reported).containsEntry("action_taken", "moved_to_dlq_only")
                .containsEntry("moved_to_dlq", true).containsEntry("transition_success", false);
    }

    @Test
    @DisplayName("action table: both failed -> transition_failed")
    void bothFail() throws SQLException {
        Map<String, Object> reported = realRunWithFailures("tasker_tasks_dlq", "tasker_task_transitions");

        assertThat(reported).containsEntry("action_taken", "transition_failed")
                .containsEntry("moved_to_dlq", false).containsEntry("transition_success", false);
    }

    /** A real run in a rolled-back transaction in which inserts for the stale task into {@code tables} fail. */
    private Map<String, Object> realRunWithFailures(String... tables) throws SQLException {
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            for (String table : tables) {
                InjectedFailures.failInserts(transaction, table, stale.taskUuid());
            }
            List<Map<String, Object>> reported = rows(transaction, REAL_RUN);
            transaction.rollback();
            assertThat(reported).hasSize(1);
            return reported.get(0);
        }
    }
}
