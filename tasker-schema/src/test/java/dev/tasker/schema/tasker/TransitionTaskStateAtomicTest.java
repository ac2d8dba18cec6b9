package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** transition_task_state_atomic: the compare-and-set on a task's current state (tasker-schema.md §6.8, Q5). */
class TransitionTaskStateAtomicTest extends TaskerSchemaTest {

    private static final String CAS = "SELECT transition_task_state_atomic(?, ?, ?, ?, ?::jsonb) AS moved";

    private OpsData ops;
    private UUID task;

    @BeforeEach
    void taskInInitializing() throws SQLException {
        ops = new OpsData(db, fixtures);
        task = ops.newTaskIn("pending", "initializing").taskUuid();
    }

    @Test
    @DisplayName("succeeds when the current state is p_from_state: the task moves to p_to_state")
    void succeedsWhenCurrentStateMatches() throws SQLException {
        Object moved = value(CAS, task, "initializing", "enqueuing_steps", UUID.randomUUID(), "{}");

        assertThat(moved).isEqualTo(true);
        assertThat(currentState()).isEqualTo("enqueuing_steps");
    }

    @Test
    @DisplayName("returns false and writes nothing when the current state is another one")
    void failsWithoutWritingWhenCurrentStateDiffers() throws SQLException {
        List<Map<String, Object>> before = transitions();

        Object moved = value(CAS, task, "pending", "initializing", UUID.randomUUID(), "{}");

        assertThat(moved).isEqualTo(false);
        assertThat(transitions()).isEqualTo(before);
    }

    @Test
    @DisplayName("the new row's sort_key is MAX(sort_key) + 1, not the row count + 1")
    void sortKeyIsMaxPlusOne() throws SQLException {
        execute("UPDATE tasker_task_transitions SET sort_key = 7 WHERE task_uuid = ? AND most_recent", task);

        value(CAS, task, "initializing", "enqueuing_steps", null, "{}");

        assertThat(value("SELECT sort_key FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", task))
                .isEqualTo(8);
    }

    @Test
    @DisplayName("the previous current row is no longer most_recent; exactly one row is")
    void previousRowIsNoLongerMostRecent() throws SQLException {
        UUID previous = (UUID) value("SELECT task_transition_uuid FROM tasker_task_transitions"
                + " WHERE task_uuid = ? AND most_recent", task);

        value(CAS, task, "initializing", "enqueuing_steps", null, "{}");

        assertThat(value("SELECT most_recent FROM tasker_task_transitions WHERE task_transition_uuid = ?", previous))
                .isEqualTo(false);
        assertThat(value("SELECT count(*) FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", task))
                .isEqualTo(1L);
    }

    @Test
    @DisplayName("the new row records from_state, processor_uuid and p_metadata in transition_metadata")
    void storesProcessorAndTransitionMetadata() throws SQLException {
        UUID processor = UUID.randomUUID();

        value(CAS, task, "initializing", "enqueuing_steps", processor, "{\"timeout_at\": \"soon\", \"n\": 3}");

        Map<String, Object> current = row("SELECT from_state, to_state, processor_uuid,"
                + " transition_metadata = '{\"timeout_at\": \"soon\", \"n\": 3}'::jsonb AS metadata_stored"
                + " FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", task);
        assertThat(current).containsEntry("from_state", "initializing").containsEntry("to_state", "enqueuing_steps")
                .containsEntry("processor_uuid", processor).containsEntry("metadata_stored", true);
    }

    @Test
    @DisplayName("Q5: metadata keeps its default '{}' (the function fills transition_metadata only)")
    void leavesMetadataAtDefault() throws SQLException {
        value(CAS, task, "initializing", "enqueuing_steps", null, "{\"reason\": \"x\"}");

        assertThat(value("SELECT metadata = '{}'::jsonb FROM tasker_task_transitions"
                + " WHERE task_uuid = ? AND most_recent", task)).isEqualTo(true);
    }

    @Test
    @DisplayName("p_metadata defaults to '{}' when the caller passes four arguments")
    void metadataArgumentDefaultsToEmptyObject() throws SQLException {
        value("SELECT transition_task_state_atomic(?, 'initializing', 'enqueuing_steps', NULL)", task);

        assertThat(value("SELECT transition_metadata = '{}'::jsonb FROM tasker_task_transitions"
                + " WHERE task_uuid = ? AND most_recent", task)).isEqualTo(true);
    }

    @Test
    @DisplayName("a task without any transition cannot be moved: false, nothing written")
    void taskWithoutTransitionsReturnsFalse() throws SQLException {
        UUID bare = ops.newTemplateTask(null).taskUuid();

        Object moved = value(CAS, bare, "pending", "initializing", null, "{}");

        assertThat(moved).isEqualTo(false);
        assertThat(value("SELECT count(*) FROM tasker_task_transitions WHERE task_uuid = ?", bare)).isEqualTo(0L);
    }

    @Test
    @DisplayName("of two concurrent callers with the same expected state, the one that waited on the lock gets false")
    void concurrentSecondCallerLoses() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection first = open(); Connection second = open()) {
            first.setAutoCommit(false);
            assertThat(rows(first, CAS, task, "initializing", "enqueuing_steps", null, "{}").get(0).get("moved"))
                    .isEqualTo(true);
            int secondPid = (Integer) rows(second, "SELECT pg_backend_pid() AS pid").get(0).get("pid");

            Future<Object> late = executor.submit(() ->
                    rows(second, CAS, task, "initializing", "evaluating_results", null, "{}").get(0).get("moved"));
            awaitLockWait(secondPid);
            first.commit();

            assertThat(late.get(10, TimeUnit.SECONDS)).isEqualTo(false);
        } finally {
            executor.shutdownNow();
        }
        assertThat(currentState()).isEqualTo("enqueuing_steps");
        assertThat(value("SELECT count(*) FROM tasker_task_transitions WHERE task_uuid = ?", task)).isEqualTo(3L);
    }

    private void awaitLockWait(int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Object waiting = value("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?", pid);
            if (Boolean.TRUE.equals(waiting)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second caller never waited on the row lock");
    }

    private Object currentState() throws SQLException {
        return value("SELECT to_state FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", task);
    }

    private List<Map<String, Object>> transitions() throws SQLException {
        return rows("SELECT task_transition_uuid, to_state, from_state, sort_key, most_recent, processor_uuid,"
                + " metadata::text, transition_metadata::text, updated_at FROM tasker_task_transitions"
                + " WHERE task_uuid = ? ORDER BY sort_key", task);
    }
}
