package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** transition_stale_task_to_error: the compare-and-set into error with the staleness reason (§6.9). */
class TransitionStaleTaskToErrorTest extends TaskerSchemaTest {

    private static final String CALL = "SELECT transition_stale_task_to_error(?, ?, ?, ?) AS moved";

    private OpsData.TemplateTask task;

    @BeforeEach
    void taskWaitingForRetry() throws SQLException {
        task = new OpsData(db, fixtures).newTaskIn("pending", "initializing", "enqueuing_steps", "steps_in_process",
                "waiting_for_retry");
    }

    @Test
    @DisplayName("moves a task in the given state to error and returns true")
    void movesToError() throws SQLException {
        Object moved = value(CALL, task.taskUuid(), "waiting_for_retry", task.namespaceName(), task.taskName());

        assertThat(moved).isEqualTo(true);
        assertThat(row("SELECT from_state, to_state, processor_uuid FROM tasker_task_transitions"
                + " WHERE task_uuid = ? AND most_recent", task.taskUuid()))
                .containsEntry("from_state", "waiting_for_retry").containsEntry("to_state", "error")
                .containsEntry("processor_uuid", null);
    }

    @Test
    @DisplayName("transition_metadata carries reason staleness_timeout, namespace, task_name and detected_at")
    void recordsStalenessReason() throws SQLException {
        value(CALL, task.taskUuid(), "waiting_for_retry", task.namespaceName(), task.taskName());

        Map<String, Object> metadata = row("""
                SELECT transition_metadata ->> 'reason' AS reason,
                       transition_metadata ->> 'namespace' AS namespace,
                       transition_metadata ->> 'task_name' AS task_name,
                       (transition_metadata ->> 'detected_at')::timestamptz = created_at::timestamptz AS detected_now,
                       metadata = '{}'::jsonb AS metadata_default
                FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent""", task.taskUuid());
        assertThat(metadata).containsEntry("reason", "staleness_timeout")
                .containsEntry("namespace", task.namespaceName()).containsEntry("task_name", task.taskName())
                .containsEntry("detected_now", true).containsEntry("metadata_default", true);
    }

    @Test
    @DisplayName("returns false and writes nothing when the task is no longer in the given state")
    void wrongStateReturnsFalse() throws SQLException {
        Object moved = value(CALL, task.taskUuid(), "waiting_for_dependencies", task.namespaceName(),
                task.taskName());

        assertThat(moved).isEqualTo(false);
        assertThat(value("SELECT to_state FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent",
                task.taskUuid())).isEqualTo("waiting_for_retry");
    }

    @Test
    @DisplayName("an error inside the transition becomes a warning and false, not an exception")
    void errorBecomesFalse() throws SQLException {
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            InjectedFailures.failInserts(transaction, "tasker_task_transitions", task.taskUuid());

            Object moved = rows(transaction, CALL, task.taskUuid(), "waiting_for_retry", task.namespaceName(),
                    task.taskName()).get(0).get("moved");
            Object state = rows(transaction, "SELECT to_state FROM tasker_task_transitions"
                    + " WHERE task_uuid = ? AND most_recent", task.taskUuid()).get(0).get("to_state");

            assertThat(moved).isEqualTo(false);
            assertThat(state).as("the half-done transition is undone").isEqualTo("waiting_for_retry");
            transaction.rollback();
        }
    }
}
