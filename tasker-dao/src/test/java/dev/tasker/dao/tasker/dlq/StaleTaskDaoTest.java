package dev.tasker.dao.tasker.dlq;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.SameSnapshot;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StaleTaskDao}, and DLQ detection end to end: find, dry run, sweep, entry, views, resolution. */
class StaleTaskDaoTest extends TaskerDaoTest {

    private static final StalenessThresholds DEFAULTS = StalenessThresholds.DEFAULTS;

    private WorkflowData data;
    private UUID stale;
    private UUID fresh;
    private UUID old;

    @BeforeEach
    void arrange() throws SQLException {
        fixtures.truncateAll();
        data = new WorkflowData(db, fixtures, null);
        stale = data.task(0, "pending", "initializing", "waiting_for_dependencies");
        data.taskStateEnteredMinutesAgo(stale, 90.4);
        fresh = data.task(0, "pending", "waiting_for_retry");
        data.taskStateEnteredMinutesAgo(fresh, 5);
        old = data.task(0, "pending", "initializing", "steps_in_process");
        data.execute("UPDATE tasker_tasks SET created_at = now() - interval '30 hours' WHERE task_uuid = ?", old);
    }

    private Object currentState(UUID task) throws SQLException {
        return value("SELECT to_state FROM tasker_task_transitions WHERE task_uuid = ? AND most_recent", task);
    }

    private long count(String table) throws SQLException {
        return (Long) value("SELECT count(*) FROM " + table);
    }

    @Test
    void staleTasksAreTyped() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            List<StaleTask> found = snapshot.dao().staleTasks().findStale(DEFAULTS, 100);
            assertRowsMatch(found, snapshot.rows("SELECT * FROM get_stale_tasks_for_dlq(60, 30, 30, 24, 100)"));
            assertThat(found).extracting(StaleTask::taskUuid).containsExactly(stale, old);
        }
        StaleTask first = dao.staleTasks().findStale(DEFAULTS, 1).getFirst();
        assertThat(first.currentState()).isEqualTo(TaskState.WAITING_FOR_DEPENDENCIES);
        assertThat(first.thresholdMinutes()).isEqualTo(60);
        assertThat(first.namespaceName()).isEqualTo(data.namespaceName);
        assertThat(first.taskName()).isEqualTo(data.taskName);
        assertThat(dao.staleTasks().findStale(new StalenessThresholds(60, 4, 30, 48), 100))
                .extracting(StaleTask::taskUuid).as("thresholds passed on").containsExactly(stale, fresh);
    }

    @Test
    void detectionEndToEnd() throws SQLException {
        long transitions = count("tasker_task_transitions");
        List<StaleTaskOutcome> dry = dao.staleTasks().dryRun(DEFAULTS, 100);

        assertThat(dry).extracting(StaleTaskOutcome::taskUuid).containsExactly(stale, old);
        StaleTaskOutcome wouldMove = dry.getFirst();
        assertThat(wouldMove.action()).isEqualTo(StaleTaskAction.WOULD_TRANSITION_TO_DLQ_AND_ERROR);
        assertThat(wouldMove.movedToDlq()).isFalse();
        assertThat(wouldMove.transitionSuccess()).isFalse();
        assertThat(wouldMove.timeInStateMinutes()).isEqualTo(90);
        assertThat(wouldMove.stalenessThresholdMinutes()).isEqualTo(60);
        assertThat(wouldMove.currentState()).isEqualTo(TaskState.WAITING_FOR_DEPENDENCIES);
        assertThat(wouldMove.namespaceName()).isEqualTo(data.namespaceName);
        assertThat(wouldMove.taskName()).isEqualTo(data.taskName);
        assertThat(count("tasker_task_transitions")).as("a dry run writes nothing").isEqualTo(transitions);
        assertThat(count("tasker_tasks_dlq")).isZero();
        assertThat(dao.dlqMonitoring().staleness(StalenessHealth.STALE, 10)).extracting(TaskStaleness::taskUuid)
                .contains(stale);

        List<StaleTaskOutcome> swept = dao.staleTasks().sweep(DEFAULTS, 100);

        assertThat(swept).extracting(StaleTaskOutcome::taskUuid).containsExactly(stale, old);
        assertThat(swept).allSatisfy(outcome -> {
            assertThat(outcome.action()).isEqualTo(StaleTaskAction.TRANSITIONED_TO_DLQ_AND_ERROR);
            assertThat(outcome.movedToDlq()).isTrue();
            assertThat(outcome.transitionSuccess()).isTrue();
        });
        assertThat(currentState(stale)).isEqualTo("error");
        assertThat(value("SELECT transition_metadata ->> 'reason' FROM tasker_task_transitions WHERE task_uuid = ?"
                + " AND most_recent", stale)).isEqualTo("staleness_timeout");
        assertThat(currentState(fresh)).isEqualTo("waiting_for_retry");
        assertThat(count("tasker_tasks_dlq")).isEqualTo(2);

        DlqEntry entry = dao.dlq().findPending(stale).orElseThrow();
        assertThat(dao.dlq().list(DlqFilter.all().withTask(stale))).containsExactly(entry);
        assertThat(entry.reason()).isEqualTo(DlqReason.STALENESS_TIMEOUT);
        assertThat(entry.originalState()).isEqualTo(TaskState.WAITING_FOR_DEPENDENCIES);
        assertThat(entry.resolutionStatus()).isEqualTo(DlqResolutionStatus.PENDING);
        assertThat(dao.dlqMonitoring().investigationQueue(10)).extracting(DlqInvestigationItem::dlqEntryUuid)
                .contains(entry.dlqEntryUuid());
        assertThat(dao.dlqMonitoring().dashboard()).singleElement().satisfies(summary -> {
            assertThat(summary.reason()).isEqualTo(DlqReason.STALENESS_TIMEOUT);
            assertThat(summary.pending()).isEqualTo(2);
        });
        assertThat(dao.dlqMonitoring().staleness(10)).extracting(TaskStaleness::taskUuid)
                .as("tasks in error are no longer monitored").containsExactly(fresh);

        dao.dlq().resolve(entry.dlqEntryUuid(), DlqResolutionStatus.MANUALLY_RESOLVED, "ops", "restarted");

        assertThat(dao.dlq().find(entry.dlqEntryUuid()).orElseThrow().resolutionStatus())
                .isEqualTo(DlqResolutionStatus.MANUALLY_RESOLVED);
        assertThat(dao.dlqMonitoring().investigationQueue(10)).extracting(DlqInvestigationItem::dlqEntryUuid)
                .doesNotContain(entry.dlqEntryUuid());
        assertThat(dao.dlqMonitoring().dashboard().getFirst().manuallyResolved()).isEqualTo(1);
        assertThat(dao.staleTasks().sweep(DEFAULTS, 100)).as("nothing left to sweep").isEmpty();
    }

    @Test
    void theBatchSizeCapsASweep() throws SQLException {
        assertThat(dao.staleTasks().sweep(DEFAULTS, 1)).extracting(StaleTaskOutcome::taskUuid).containsExactly(stale);
        assertThat(currentState(old)).isEqualTo("steps_in_process");
    }

    @Test
    void thresholdsHonourTheTemplatesLifecycle() {
        JSONB overridden = JSONB.valueOf("{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 12}}");
        assertThat(dao.staleTasks().stalenessThreshold(TaskState.WAITING_FOR_RETRY, overridden, DEFAULTS))
                .isEqualTo(12);
        assertThat(dao.staleTasks().stalenessThreshold(TaskState.WAITING_FOR_DEPENDENCIES, overridden,
                new StalenessThresholds(45, 30, 30, 24))).isEqualTo(45);
        assertThat(dao.staleTasks().stalenessThreshold(TaskState.STEPS_IN_PROCESS, JSONB.valueOf("{}"),
                new StalenessThresholds(60, 30, 25, 24))).isEqualTo(25);
        assertThat(dao.staleTasks().stalenessThreshold(TaskState.COMPLETE, JSONB.valueOf("{}"), DEFAULTS))
                .isEqualTo(1440);
    }

    @Test
    void transitionToErrorIsACompareAndSet() throws SQLException {
        assertThat(dao.staleTasks().transitionToError(fresh, TaskState.WAITING_FOR_RETRY, "ns", "task")).isTrue();
        assertThat(currentState(fresh)).isEqualTo("error");
        assertThat(value("SELECT transition_metadata ->> 'task_name' FROM tasker_task_transitions"
                + " WHERE task_uuid = ? AND most_recent", fresh)).isEqualTo("task");
        long transitions = count("tasker_task_transitions");

        assertThat(dao.staleTasks().transitionToError(fresh, TaskState.WAITING_FOR_RETRY, "ns", "task")).isFalse();
        assertThat(count("tasker_task_transitions")).isEqualTo(transitions);

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> dao.staleTasks().transitionToError(unknown, TaskState.WAITING_FOR_RETRY, "ns", "t"))
                .isInstanceOfSatisfying(NotFoundException.class, missing -> {
                    assertThat(missing.entity()).isEqualTo("task");
                    assertThat(missing.id()).isEqualTo(unknown);
                });
        assertThat(count("tasker_task_transitions")).isEqualTo(transitions);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> dao.staleTasks().findStale(DEFAULTS, -1), "batchSize");
        assertInvalid(() -> dao.staleTasks().sweep(null, 1), "thresholds");
        assertInvalid(() -> dao.staleTasks().dryRun(DEFAULTS, -5), "batchSize");
        assertInvalid(() -> new StalenessThresholds(-1, 30, 30, 24), "waitingForDependenciesMinutes");
        assertInvalid(() -> new StalenessThresholds(60, 30, 30, -24), "maxTaskLifetimeHours");
        assertInvalid(() -> dao.staleTasks().transitionToError(fresh, TaskState.WAITING_FOR_RETRY, "ns", " "),
                "taskName");
        assertInvalid(() -> dao.staleTasks().stalenessThreshold(TaskState.ERROR, null, DEFAULTS), "templateConfig");
    }
}
