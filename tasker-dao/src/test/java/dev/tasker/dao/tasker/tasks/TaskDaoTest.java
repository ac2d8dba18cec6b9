package dev.tasker.dao.tasker.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TaskDao} against the real schema. */
class TaskDaoTest extends TaskerDaoTest {

    private UUID namedTask;

    @BeforeAll
    void namedTask() throws SQLException {
        namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")), TaskerFixtures.unique("t"),
                null);
    }

    @Test
    void createStoresEveryFieldAndStampsTimesDatabaseSide() throws SQLException {
        UUID correlation = UUID.randomUUID();
        UUID parent = UUID.randomUUID();
        Task task = dao.tasks().create(NewTask.of(namedTask, correlation, "hash-1")
                .withParentCorrelationId(parent)
                .withContext(JSONB.valueOf("{\"order\": 42}"))
                .withTags(JSONB.valueOf("[\"a\"]"))
                .withPriority(7)
                .withOrigin("alice", "shop", "checkout")
                .withBypassSteps(JSONB.valueOf("[\"skip_me\"]")));

        Map<String, Object> row = row("SELECT named_task_uuid, correlation_id, parent_correlation_id, identity_hash,"
                + " context->>'order' AS ord, tags->>0 AS tag, priority, initiator, source_system, reason,"
                + " bypass_steps::text AS bypass, complete, completed_at, requested_at = created_at AS requested_now,"
                + " created_at = now() AS created_now FROM tasker_tasks WHERE task_uuid = ?", task.uuid());
        assertThat(row).containsEntry("named_task_uuid", namedTask).containsEntry("correlation_id", correlation)
                .containsEntry("parent_correlation_id", parent).containsEntry("identity_hash", "hash-1")
                .containsEntry("ord", "42").containsEntry("tag", "a").containsEntry("priority", 7)
                .containsEntry("initiator", "alice").containsEntry("source_system", "shop")
                .containsEntry("reason", "checkout").containsEntry("bypass", "[\"skip_me\"]")
                .containsEntry("complete", false).containsEntry("completed_at", null)
                .containsEntry("requested_now", true);
        assertThat(task.bypassSteps()).map(JSONB::data).contains("[\"skip_me\"]");
        assertThat(task.parentCorrelationId()).contains(parent);
        assertThat(dao.tasks().get(task.uuid())).contains(task);
    }

    @Test
    void anExplicitRequestedAtIsKept() throws SQLException {
        LocalDateTime requested = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
        Task task = dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), "h").withRequestedAt(requested));
        assertThat(task.requestedAt()).isEqualTo(requested);
        assertThat(value("SELECT requested_at FROM tasker_tasks WHERE task_uuid = ?", task.uuid()).toString())
                .startsWith("2025-01-02 03:04:05");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() throws SQLException {
        String hash = TaskerFixtures.unique("bad");
        assertThatThrownBy(() -> dao.tasks().create(NewTask.of(namedTask, null, hash)))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("correlationId");
        assertThatThrownBy(() -> dao.tasks().create(NewTask.of(null, UUID.randomUUID(), hash)))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("namedTaskUuid");
        assertThatThrownBy(() -> dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), " ")))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("identityHash");
        assertThatThrownBy(() -> dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), hash)
                .withOrigin(null, "s".repeat(129), null)))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("sourceSystem");
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.tasks().create(NewTask.of(missing, UUID.randomUUID(), hash)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("named task");
                    assertThat(e.id()).isEqualTo(missing);
                });
        assertThat(value("SELECT count(*) FROM tasker_tasks WHERE identity_hash = ?", hash)).isEqualTo(0L);
    }

    @Test
    void findByCorrelationIdAndListByParent() {
        UUID parent = UUID.randomUUID();
        Task first = dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), "h").withParentCorrelationId(parent));
        Task second = dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), "h").withParentCorrelationId(parent));

        assertThat(dao.tasks().findByCorrelationId(first.correlationId())).contains(first);
        assertThat(dao.tasks().findByCorrelationId(UUID.randomUUID())).isEmpty();
        assertThat(dao.tasks().listByParentCorrelationId(parent)).containsExactly(first, second);
    }

    @Test
    void listByCurrentStateJoinsTheMostRecentTransitionInOneQuery() throws SQLException {
        UUID otherNamedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")),
                TaskerFixtures.unique("t"), null);
        UUID low = fixtures.task(otherNamedTask, 1);
        UUID high = fixtures.task(otherNamedTask, 9);
        UUID movedOn = fixtures.task(otherNamedTask, 5);
        for (UUID task : List.of(low, high, movedOn)) {
            fixtures.taskTransition(task, "pending");
            fixtures.taskTransition(task, "initializing");
        }
        fixtures.taskTransition(movedOn, "enqueuing_steps");

        StatementCounter counter = new StatementCounter(dataSource);
        List<Task> initializing = new TaskDao(counter.dsl()).listByCurrentState(TaskState.INITIALIZING, 100);
        assertThat(counter.take()).isEqualTo(1);
        assertThat(initializing).extracting(Task::uuid).containsSubsequence(high, low).doesNotContain(movedOn);
        assertThat(dao.tasks().listByCurrentState(TaskState.ENQUEUING_STEPS, 100)).extracting(Task::uuid)
                .contains(movedOn);
        assertThat(dao.tasks().listByCurrentState(TaskState.INITIALIZING, 1)).hasSize(1);
        assertThatThrownBy(() -> dao.tasks().listByCurrentState(TaskState.PENDING, 0))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("limit");
    }

    @Test
    void markCompleteAndUpdatesWriteTheColumns() throws SQLException {
        Task task = dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), "h"));

        Task completed = dao.tasks().markComplete(task.uuid());
        assertThat(completed.complete()).isTrue();
        assertThat(completed.completedAt()).isPresent();
        dao.tasks().updateContext(task.uuid(), JSONB.valueOf("{\"k\": \"v\"}"));
        Task tagged = dao.tasks().updateTags(task.uuid(), JSONB.valueOf("{\"team\": \"x\"}"));

        assertThat(tagged.context()).isPresent();
        Map<String, Object> row = row("SELECT complete, completed_at IS NOT NULL AS has_completed_at,"
                + " context->>'k' AS k, tags->>'team' AS team, updated_at >= created_at AS touched"
                + " FROM tasker_tasks WHERE task_uuid = ?", task.uuid());
        assertThat(row).containsEntry("complete", true).containsEntry("has_completed_at", true)
                .containsEntry("k", "v").containsEntry("team", "x").containsEntry("touched", true);

        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.tasks().markComplete(missing)).isInstanceOf(NotFoundException.class)
                .extracting("id").isEqualTo(missing);
        assertThatThrownBy(() -> dao.tasks().updateTags(missing, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteRemovesTheTaskWithEverythingThatBelongsToIt() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        UUID system = fixtures.dependentSystem(TaskerFixtures.unique("sys"));
        UUID a = fixtures.step(task, fixtures.namedStep(system, "a"));
        UUID b = fixtures.step(task, fixtures.namedStep(system, "b"));
        fixtures.edge(a, b);
        fixtures.stepTransition(a, "pending");
        fixtures.stepTransition(a, "enqueued");
        fixtures.taskTransition(task, "pending");
        int type = dao.annotationTypes().findOrCreate(TaskerFixtures.unique("type"), null).id();
        dao.taskAnnotations().add(task, type, null);

        assertThat(dao.tasks().delete(task)).isTrue();
        assertThat(dao.tasks().delete(task)).isFalse();
        assertThat(value("SELECT (SELECT count(*) FROM tasker_tasks WHERE task_uuid = ?)"
                + " + (SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ?)"
                + " + (SELECT count(*) FROM tasker_workflow_step_transitions WHERE workflow_step_uuid IN (?, ?))"
                + " + (SELECT count(*) FROM tasker_workflow_step_edges WHERE from_step_uuid = ?)"
                + " + (SELECT count(*) FROM tasker_task_transitions WHERE task_uuid = ?)"
                + " + (SELECT count(*) FROM tasker_task_annotations WHERE task_uuid = ?)", task, task, a, b, a, task,
                task)).isEqualTo(0L);
    }

    @Test
    void everythingInsideACallersTransactionIsUndoneByItsRollback() throws SQLException {
        String hash = TaskerFixtures.unique("rolled_back");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            TaskerDataAccess callers = TaskerDataAccess.using(connection);
            Task task = callers.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), hash));
            callers.tasks().markComplete(task.uuid());
            assertThat(callers.tasks().get(task.uuid())).isPresent();
            connection.rollback();
        }
        assertThat(value("SELECT count(*) FROM tasker_tasks WHERE identity_hash = ?", hash)).isEqualTo(0L);
    }
}
