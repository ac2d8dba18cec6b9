package dev.tasker.dao.tasker.readiness;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowMatches;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.SameSnapshot;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ReadyTaskDao} over a database holding only the arranged tasks. */
class ReadyTaskDaoTest extends TaskerDaoTest {

    private WorkflowData data;
    private UUID low;
    private UUID high;
    private UUID middle;
    private UUID busy;
    private UUID noTransition;

    @BeforeAll
    void arrange() throws SQLException {
        fixtures.truncateAll();
        data = new WorkflowData(db, fixtures, null);
        low = readyTask(1);
        high = readyTask(5);
        middle = readyTask(3);
        busy = data.task(9, "pending", "initializing", "steps_in_process");
        data.step(busy, "pending", "enqueued");
        noTransition = data.task(7);
    }

    private UUID readyTask(int priority) throws SQLException {
        UUID task = data.task(priority, "pending");
        data.step(task);
        data.step(task);
        return task;
    }

    @Test
    void nextReadyTasksAreTypedAndOrderedByComputedPriority() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            var ready = snapshot.dao().readyTasks().nextReadyTasks(10);
            assertRowsMatch(ready, snapshot.rows("SELECT * FROM get_next_ready_tasks(10)"));
            assertThat(ready).extracting(ReadyTask::taskUuid).containsExactly(high, middle, low);
            ReadyTask first = ready.getFirst();
            assertThat(first.priority()).isEqualTo(5);
            assertThat(first.readyStepsCount()).isEqualTo(2);
            assertThat(first.currentState()).isEqualTo(TaskState.PENDING);
            assertThat(first.taskName()).isEqualTo(data.taskName);
            assertThat(first.namespaceName()).isEqualTo(data.namespaceName);
            assertThat(snapshot.dao().readyTasks().nextReadyTask()).contains(first);
        }
    }

    @Test
    void theLimitCutsTheList() {
        assertThat(dao.readyTasks().nextReadyTasks(2)).extracting(ReadyTask::taskUuid).containsExactly(high, middle);
        assertThat(dao.readyTasks().nextReadyTasks(0)).isEmpty();
    }

    @Test
    void readyInfoDescribesAnyTaskWithATransition() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            ReadyTask info = snapshot.dao().readyTasks().readyInfo(busy).orElseThrow();
            assertRowMatches(info, snapshot.rows("SELECT * FROM get_task_ready_info(?)", busy).getFirst());
            assertThat(info.currentState()).isEqualTo(TaskState.STEPS_IN_PROCESS);
            assertThat(info.readyStepsCount()).isZero();
        }
        assertThat(dao.readyTasks().readyInfo(noTransition)).as("no transition yet").isEmpty();
        assertThat(dao.readyTasks().readyInfo(UUID.randomUUID())).isEmpty();
    }

    @Test
    void eachCallIsOneStatement() {
        StatementCounter counter = new StatementCounter(dataSource);
        ReadyTaskDao counted = TaskerDataAccess.using(counter.dsl()).readyTasks();
        counted.nextReadyTasks(5);
        counted.nextReadyTask();
        counted.readyInfo(low);
        assertThat(counter.count()).isEqualTo(3);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> dao.readyTasks().nextReadyTasks(-1), "limit");
        assertInvalid(() -> dao.readyTasks().readyInfo(null), "taskUuid");
    }
}
