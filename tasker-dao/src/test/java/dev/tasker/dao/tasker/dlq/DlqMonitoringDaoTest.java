package dev.tasker.dao.tasker.dlq;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.SameSnapshot;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DlqMonitoringDao}: the three views as typed rows, over a database holding only the arranged data. */
class DlqMonitoringDaoTest extends TaskerDaoTest {

    private UUID warning;
    private UUID stale;
    private UUID healthy;
    private UUID staleProcessing;
    private UUID cycleEntry;
    private UUID staleEntry;
    private UUID bareEntry;

    @BeforeAll
    void arrange() throws SQLException {
        fixtures.truncateAll();
        WorkflowData overridden = new WorkflowData(db, fixtures,
                "{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 10}}");
        warning = overridden.task(2, "pending", "waiting_for_retry");
        overridden.taskStateEnteredMinutesAgo(warning, 9);
        stale = overridden.task(1, "pending", "waiting_for_retry");
        overridden.taskStateEnteredMinutesAgo(stale, 11);
        WorkflowData defaults = new WorkflowData(db, fixtures, null);
        healthy = defaults.task(0, "pending", "waiting_for_dependencies");
        defaults.taskStateEnteredMinutesAgo(healthy, 5);
        staleProcessing = defaults.task(3, "pending", "steps_in_process");
        defaults.taskStateEnteredMinutesAgo(staleProcessing, 31);

        staleEntry = dao.dlq().create(new NewDlqEntry(stale, overridden.namespaceName, overridden.taskName,
                TaskState.WAITING_FOR_RETRY, 11, 10, DlqReason.STALENESS_TIMEOUT)).orElseThrow();
        cycleEntry = dao.dlq().create(new NewDlqEntry(warning, overridden.namespaceName, overridden.taskName,
                TaskState.WAITING_FOR_RETRY, 9, 10, DlqReason.DEPENDENCY_CYCLE_DETECTED)).orElseThrow();
        UUID resolved = dao.dlq().create(new NewDlqEntry(healthy, defaults.namespaceName, defaults.taskName,
                TaskState.WAITING_FOR_DEPENDENCIES, 5, 60, DlqReason.STALENESS_TIMEOUT)).orElseThrow();
        dao.dlq().resolve(resolved, DlqResolutionStatus.MANUALLY_RESOLVED, "ops", null);
        bareEntry = (UUID) value("INSERT INTO tasker_tasks_dlq (task_uuid, original_state, dlq_reason, task_snapshot)"
                + " VALUES (?, 'steps_in_process', 'worker_unavailable', '{}') RETURNING dlq_entry_uuid",
                staleProcessing);
    }

    @Test
    void theInvestigationQueueIsTypedAndOrderedByPriorityScore() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            List<DlqInvestigationItem> queue = snapshot.dao().dlqMonitoring().investigationQueue(10);
            assertRowsMatch(queue, snapshot.rows("SELECT * FROM v_dlq_investigation_queue"
                    + " ORDER BY priority_score DESC, dlq_entry_uuid"), "reason", "dlq_reason");
            assertThat(queue).extracting(DlqInvestigationItem::dlqEntryUuid)
                    .containsExactly(cycleEntry, staleEntry, bareEntry);
        }
        DlqInvestigationItem fromSnapshot = dao.dlqMonitoring().investigationQueue(10).get(1);
        assertThat(fromSnapshot.reason()).isEqualTo(DlqReason.STALENESS_TIMEOUT);
        assertThat(fromSnapshot.currentState()).contains(TaskState.WAITING_FOR_RETRY);
        assertThat(fromSnapshot.timeInStateMinutes()).contains(11);
        assertThat(fromSnapshot.taskUuid()).isEqualTo(stale);
        DlqInvestigationItem bare = dao.dlqMonitoring().investigationQueue(10).get(2);
        assertThat(bare.namespaceName()).as("the snapshot has no names").isEmpty();
        assertThat(bare.currentState()).isEmpty();
        assertThat(bare.timeInStateMinutes()).isEmpty();
        assertThat(bare.originalState()).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(dao.dlqMonitoring().investigationQueue(1)).extracting(DlqInvestigationItem::dlqEntryUuid)
                .containsExactly(cycleEntry);
    }

    @Test
    void theDashboardHasOneTypedRowPerReason() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            List<DlqReasonSummary> dashboard = snapshot.dao().dlqMonitoring().dashboard();
            assertRowsMatch(dashboard, snapshot.rows("SELECT * FROM v_dlq_dashboard ORDER BY dlq_reason"),
                    "reason", "dlq_reason");
            assertThat(dashboard).extracting(DlqReasonSummary::reason).containsExactly(DlqReason.STALENESS_TIMEOUT,
                    DlqReason.DEPENDENCY_CYCLE_DETECTED, DlqReason.WORKER_UNAVAILABLE);
            DlqReasonSummary staleness = dashboard.getFirst();
            assertThat(staleness.totalEntries()).isEqualTo(2);
            assertThat(staleness.pending()).isEqualTo(1);
            assertThat(staleness.manuallyResolved()).isEqualTo(1);
            assertThat(staleness.permanentFailures()).isZero();
            assertThat(staleness.cancelled()).isZero();
        }
    }

    @Test
    void stalenessMonitoringIsTypedWithItsHealth() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            assertRowsMatch(snapshot.dao().dlqMonitoring().staleness(10), snapshot.rows("SELECT * FROM"
                    + " v_task_staleness_monitoring ORDER BY time_in_state_minutes DESC, task_uuid"),
                    "health", "health_status");
        }
        List<TaskStaleness> all = dao.dlqMonitoring().staleness(10);
        assertThat(all).extracting(TaskStaleness::taskUuid).containsExactly(staleProcessing, stale, warning, healthy);
        assertThat(all).extracting(TaskStaleness::stalenessThresholdMinutes).containsExactly(30, 10, 10, 60);
        assertThat(all.get(2).currentState()).isEqualTo(TaskState.WAITING_FOR_RETRY);
        assertThat(all.get(2).priority()).isEqualTo(2);
        assertThat(dao.dlqMonitoring().staleness(StalenessHealth.STALE, 10)).extracting(TaskStaleness::taskUuid)
                .containsExactly(staleProcessing, stale);
        assertThat(dao.dlqMonitoring().staleness(StalenessHealth.WARNING, 10)).extracting(TaskStaleness::health)
                .containsExactly(StalenessHealth.WARNING);
        assertThat(dao.dlqMonitoring().staleness(StalenessHealth.HEALTHY, 10)).extracting(TaskStaleness::taskUuid)
                .containsExactly(healthy);
        assertThat(dao.dlqMonitoring().staleness(1)).hasSize(1);
    }

    @Test
    void eachViewIsOneQuery() {
        StatementCounter counter = new StatementCounter(dataSource);
        DlqMonitoringDao counted = TaskerDataAccess.using(counter.dsl()).dlqMonitoring();
        counted.investigationQueue(10);
        counted.dashboard();
        counted.staleness(StalenessHealth.STALE, 10);
        assertThat(counter.count()).isEqualTo(3);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> dao.dlqMonitoring().investigationQueue(-1), "limit");
        assertInvalid(() -> dao.dlqMonitoring().staleness(-1), "limit");
        assertInvalid(() -> dao.dlqMonitoring().staleness(null, 1), "health");
    }
}
