package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** get_stale_tasks_for_dlq: which tasks the staleness sweep picks up (§6.9). Scans every task: truncates. */
class GetStaleTasksForDlqTest extends TaskerSchemaTest {

    private static final String STALE = "SELECT * FROM get_stale_tasks_for_dlq()";

    private OpsData ops;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        truncateTaskerTables();
        ops = new OpsData(db, fixtures);
    }

    private List<Object> staleTaskUuids(String sql, Object... parameters) throws SQLException {
        return rows(sql, parameters).stream().map(row -> row.get("task_uuid")).toList();
    }

    /** A task whose current state is {@code state}, entered {@code minutes} ago. */
    private UUID taskInStateFor(String state, double minutes) throws SQLException {
        UUID task = ops.newTaskIn(state).taskUuid();
        ops.currentTaskStateEnteredMinutesAgo(task, minutes);
        return task;
    }

    @Test
    @DisplayName("only waiting_for_dependencies, waiting_for_retry and steps_in_process are candidates")
    void onlyThreeStates() throws SQLException {
        List<String> states = List.of("pending", "initializing", "enqueuing_steps", "steps_in_process",
                "evaluating_results", "waiting_for_dependencies", "waiting_for_retry", "blocked_by_failures",
                "complete", "error", "cancelled", "resolved_manually");
        for (String state : states) {
            UUID task = taskInStateFor(state, 3 * 24 * 60);
            ops.taskCreatedMinutesAgo(task, 3 * 24 * 60);
        }

        assertThat(rows(STALE)).extracting(row -> row.get("current_state"))
                .containsExactlyInAnyOrder("steps_in_process", "waiting_for_dependencies", "waiting_for_retry");
    }

    @Test
    @DisplayName("a task is stale once its time in state reaches the state's threshold (defaults 60/30/30)")
    void thresholdPerState() throws SQLException {
        UUID depsStale = taskInStateFor("waiting_for_dependencies", 61);
        UUID depsFresh = taskInStateFor("waiting_for_dependencies", 59);
        UUID retryStale = taskInStateFor("waiting_for_retry", 31);
        UUID retryFresh = taskInStateFor("waiting_for_retry", 29);
        UUID inProcessStale = taskInStateFor("steps_in_process", 31);
        UUID inProcessFresh = taskInStateFor("steps_in_process", 29);

        assertThat(staleTaskUuids(STALE)).containsExactlyInAnyOrder(depsStale, retryStale, inProcessStale)
                .doesNotContain(depsFresh, retryFresh, inProcessFresh);
    }

    @Test
    @DisplayName("the default arguments are the thresholds for templates without an override")
    void argumentsAreTheDefaults() throws SQLException {
        UUID deps = taskInStateFor("waiting_for_dependencies", 20);
        UUID retry = taskInStateFor("waiting_for_retry", 20);
        UUID inProcess = taskInStateFor("steps_in_process", 20);

        assertThat(staleTaskUuids("SELECT * FROM get_stale_tasks_for_dlq(15, 25, 25)")).containsExactly(deps);
        assertThat(staleTaskUuids("SELECT * FROM get_stale_tasks_for_dlq(25, 15, 25)")).containsExactly(retry);
        assertThat(staleTaskUuids("SELECT * FROM get_stale_tasks_for_dlq(25, 25, 15)")).containsExactly(inProcess);
    }

    @Test
    @DisplayName("a template's lifecycle override replaces the default threshold and is reported")
    void lifecycleOverride() throws SQLException {
        OpsData.TemplateTask strict = ops.newTemplateTask(
                "{\"lifecycle\": {\"max_waiting_for_dependencies_minutes\": 10}}");
        ops.fixtures().taskTransition(strict.taskUuid(), "waiting_for_dependencies");
        ops.currentTaskStateEnteredMinutesAgo(strict.taskUuid(), 15);
        OpsData.TemplateTask lenient = ops.newTemplateTask(
                "{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 120}}");
        ops.fixtures().taskTransition(lenient.taskUuid(), "waiting_for_retry");
        ops.currentTaskStateEnteredMinutesAgo(lenient.taskUuid(), 90);

        List<Map<String, Object>> stale = rows(STALE);

        assertThat(stale).singleElement().satisfies(row -> {
            assertThat(row.get("task_uuid")).isEqualTo(strict.taskUuid());
            assertThat(row.get("threshold_minutes")).isEqualTo(10);
        });
    }

    @Test
    @DisplayName("a task older than p_max_lifetime_hours is stale even when fresh in its state")
    void maxLifetime() throws SQLException {
        UUID old = taskInStateFor("waiting_for_dependencies", 1);
        ops.taskCreatedMinutesAgo(old, 25 * 60);
        UUID young = taskInStateFor("waiting_for_dependencies", 1);
        ops.taskCreatedMinutesAgo(young, 23 * 60);

        assertThat(staleTaskUuids(STALE)).containsExactly(old);
        assertThat(staleTaskUuids("SELECT * FROM get_stale_tasks_for_dlq(p_max_lifetime_hours => 26)")).isEmpty();
    }

    @Test
    @DisplayName("the bounds are inclusive: exactly at the threshold, or exactly p_max_lifetime_hours old, is stale")
    void boundsAreInclusive() throws SQLException {
        UUID atThreshold = ops.newTaskIn("steps_in_process").taskUuid();
        UUID atLifetime = ops.newTaskIn("waiting_for_dependencies").taskUuid();
        db.setAutoCommit(false); // one transaction, one now(): exactly 30 minutes in state, exactly 24 hours old
        try {
            ops.currentTaskStateEnteredMinutesAgo(atThreshold, 30);
            ops.currentTaskStateEnteredMinutesAgo(atLifetime, 1);
            ops.taskCreatedMinutesAgo(atLifetime, 24 * 60);

            assertThat(staleTaskUuids(STALE)).containsExactlyInAnyOrder(atThreshold, atLifetime);
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    @Test
    @DisplayName("a task with a pending DLQ entry is left out; a resolved entry does not hide it")
    void antiJoinOnPendingEntry() throws SQLException {
        UUID pending = taskInStateFor("waiting_for_retry", 45);
        UUID resolved = taskInStateFor("waiting_for_retry", 45);
        value("SELECT create_dlq_entry(?, 'ns', 'task', 'waiting_for_retry', 45, 30)", pending);
        UUID oldEntry = (UUID) value("SELECT create_dlq_entry(?, 'ns', 'task', 'waiting_for_retry', 45, 30)",
                resolved);
        execute("UPDATE tasker_tasks_dlq SET resolution_status = 'permanently_failed' WHERE dlq_entry_uuid = ?",
                oldEntry);

        assertThat(staleTaskUuids(STALE)).containsExactly(resolved);
    }

    @Test
    @DisplayName("complete tasks and tasks without a current transition are never candidates")
    void onlyIncompleteTasksWithState() throws SQLException {
        UUID completeFlag = taskInStateFor("waiting_for_retry", 45);
        execute("UPDATE tasker_tasks SET complete = true WHERE task_uuid = ?", completeFlag);
        UUID noTransition = ops.newTemplateTask(null).taskUuid();
        ops.taskCreatedMinutesAgo(noTransition, 3 * 24 * 60);

        assertThat(rows(STALE)).isEmpty();
    }

    @Test
    @DisplayName("rows come longest-in-state first and at most p_batch_size of them")
    void orderAndBatchSize() throws SQLException {
        UUID shortest = taskInStateFor("waiting_for_retry", 35);
        UUID longest = taskInStateFor("steps_in_process", 500);
        UUID middle = taskInStateFor("waiting_for_dependencies", 70);

        assertThat(staleTaskUuids(STALE)).containsExactly(longest, middle, shortest);
        assertThat(staleTaskUuids("SELECT * FROM get_stale_tasks_for_dlq(p_batch_size => 2)"))
                .containsExactly(longest, middle);
    }

    @Test
    @DisplayName("each row reports names, state, fractional minutes in state, threshold and task age")
    void reportedColumns() throws SQLException {
        OpsData.TemplateTask task = ops.newTaskIn("waiting_for_retry");
        ops.currentTaskStateEnteredMinutesAgo(task.taskUuid(), 45.5);
        ops.taskCreatedMinutesAgo(task.taskUuid(), 100.25);

        Map<String, Object> stale = row(STALE);

        assertThat(stale).containsEntry("task_uuid", task.taskUuid())
                .containsEntry("namespace_name", task.namespaceName()).containsEntry("task_name", task.taskName())
                .containsEntry("current_state", "waiting_for_retry").containsEntry("threshold_minutes", 30);
        assertThat((BigDecimal) stale.get("time_in_state_minutes"))
                .isBetween(new BigDecimal("45.5"), new BigDecimal("46.5"));
        assertThat((BigDecimal) stale.get("task_age_minutes"))
                .isBetween(new BigDecimal("100.25"), new BigDecimal("101.25"));
    }
}
