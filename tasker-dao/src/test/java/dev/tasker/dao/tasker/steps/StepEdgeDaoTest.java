package dev.tasker.dao.tasker.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.Concurrently;
import dev.tasker.dao.tasker.Concurrently.Outcome;
import dev.tasker.dao.tasker.CycleException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link StepEdgeDao}: edges, the cycle check and its race safety. */
class StepEdgeDaoTest extends TaskerDaoTest {

    private UUID namedTask;
    private UUID namedStep;

    @BeforeAll
    void registry() throws SQLException {
        namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")), TaskerFixtures.unique("t"),
                null);
        namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")), "step");
    }

    @Test
    void addEdgeWritesAProvidesEdgeOnceAndReturnsTheExistingOneAgain() throws SQLException {
        List<UUID> s = steps(fixtures.task(namedTask, 0), 2);
        StepEdge edge = dao.edges().addEdge(s.get(0), s.get(1));
        StepEdge again = dao.edges().addEdge(s.get(0), s.get(1));

        assertThat(again).isEqualTo(edge);
        assertThat(edge.name()).isEqualTo(StepEdgeDao.PROVIDES);
        assertThat(rows("SELECT name FROM tasker_workflow_step_edges WHERE from_step_uuid = ? AND to_step_uuid = ?",
                s.get(0), s.get(1))).singleElement().extracting(row -> row.get("name")).isEqualTo("provides");
    }

    @Test
    void aDirectCycleIsRefusedWithItsPathAndNothingIsWritten() throws SQLException {
        List<UUID> s = steps(fixtures.task(namedTask, 0), 2);
        dao.edges().addEdge(s.get(0), s.get(1));

        assertThatThrownBy(() -> dao.edges().addEdge(s.get(1), s.get(0)))
                .isInstanceOfSatisfying(CycleException.class, e -> {
                    assertThat(e.fromStep()).isEqualTo(s.get(1));
                    assertThat(e.toStep()).isEqualTo(s.get(0));
                    assertThat(e.path()).containsExactly(s.get(0), s.get(1));
                });
        assertThat(edgeCount(s)).isEqualTo(1L);
    }

    @Test
    void aTransitiveCycleIsRefusedWithTheWholePath() throws SQLException {
        List<UUID> s = steps(fixtures.task(namedTask, 0), 4);
        dao.edges().addEdge(s.get(0), s.get(1));
        dao.edges().addEdge(s.get(1), s.get(2));
        dao.edges().addEdge(s.get(2), s.get(3));
        dao.edges().addEdge(s.get(0), s.get(2));

        assertThatThrownBy(() -> dao.edges().addEdge(s.get(3), s.get(0)))
                .isInstanceOfSatisfying(CycleException.class,
                        e -> assertThat(e.path()).containsExactly(s.get(0), s.get(2), s.get(3)));
        assertThat(edgeCount(s)).isEqualTo(4L);
    }

    @Test
    void aSelfEdgeIsACycleOfOneStep() throws SQLException {
        UUID step = steps(fixtures.task(namedTask, 0), 1).get(0);
        assertThatThrownBy(() -> dao.edges().addEdge(step, step))
                .isInstanceOfSatisfying(CycleException.class, e -> assertThat(e.path()).containsExactly(step));
        assertThatThrownBy(() -> dao.edges().addEdges(fixtures.task(namedTask, 0), List.of(new NewEdge(step, step))))
                .isInstanceOf(CycleException.class);
        assertThat(edgeCount(List.of(step))).isZero();
    }

    @Test
    void missingStepsAreNotFoundAndStepsOfDifferentTasksAreRefused() throws SQLException {
        UUID a = steps(fixtures.task(namedTask, 0), 1).get(0);
        UUID b = steps(fixtures.task(namedTask, 0), 1).get(0);
        UUID missing = UUID.randomUUID();

        assertThatThrownBy(() -> dao.edges().addEdge(a, missing))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("workflow step");
                    assertThat(e.id()).isEqualTo(missing);
                });
        assertThatThrownBy(() -> dao.edges().addEdge(a, b)).isInstanceOf(InvalidArgumentException.class)
                .extracting("argument").isEqualTo("toStep");
        assertThatThrownBy(() -> dao.edges().addEdges(UUID.randomUUID(), List.of(new NewEdge(a, b))))
                .isInstanceOf(NotFoundException.class).extracting("entity").isEqualTo("task");
        assertThat(edgeCount(List.of(a, b))).isZero();
    }

    @Test
    void addEdgesChecksTheWholeBatchInOneLockOneLookupOneCheckAndOneInsert() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        List<UUID> s = steps(task, 4);
        dao.edges().addEdge(s.get(0), s.get(1));
        StatementCounter counter = new StatementCounter(dataSource);

        List<StepEdge> created = new StepEdgeDao(counter.dsl()).addEdges(task, List.of(new NewEdge(s.get(0), s.get(1)),
                new NewEdge(s.get(1), s.get(2)), new NewEdge(s.get(1), s.get(3)), new NewEdge(s.get(1), s.get(2))));

        assertThat(counter.take()).isEqualTo(4);
        assertThat(created).extracting(StepEdge::fromStep, StepEdge::toStep)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(s.get(1), s.get(2)),
                        org.assertj.core.groups.Tuple.tuple(s.get(1), s.get(3)));
        assertThat(edgeCount(s)).isEqualTo(3L);
        assertThat(dao.edges().listForTask(task)).hasSize(3);
    }

    @Test
    void aBatchThatClosesACycleAmongItsOwnEdgesWritesNothing() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        List<UUID> s = steps(task, 3);

        assertThatThrownBy(() -> dao.edges().addEdges(task, List.of(new NewEdge(s.get(0), s.get(1)),
                new NewEdge(s.get(1), s.get(2)), new NewEdge(s.get(2), s.get(0)))))
                .isInstanceOfSatisfying(CycleException.class, e -> assertThat(e.path()).hasSize(3)
                        .startsWith(e.toStep()).endsWith(e.fromStep()));
        assertThat(edgeCount(s)).isZero();
    }

    @Test
    void aBatchWithAStepOfAnotherTaskIsRefused() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        UUID mine = steps(task, 1).get(0);
        UUID foreign = steps(fixtures.task(namedTask, 0), 1).get(0);
        assertThatThrownBy(() -> dao.edges().addEdges(task, List.of(new NewEdge(mine, foreign))))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("edges");
        assertThat(edgeCount(List.of(mine, foreign))).isZero();
    }

    @Test
    void concurrentOppositeEdgesCannotBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID task = fixtures.task(namedTask, 0);
            List<UUID> s = steps(task, 2);
            List<Outcome<StepEdge>> outcomes;
            try (Connection holder = open()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "SELECT 1 FROM tasker_tasks WHERE task_uuid = ? FOR UPDATE")) {
                    lock.setObject(1, task);
                    lock.executeQuery().close();
                }
                CompletableFuture<List<Outcome<StepEdge>>> racing = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Concurrently.run(() -> dao.edges().addEdge(s.get(0), s.get(1)),
                                () -> dao.edges().addEdge(s.get(1), s.get(0)));
                    } catch (InterruptedException interrupted) {
                        throw new IllegalStateException(interrupted);
                    }
                });
                awaitLockWaiters(2);
                holder.commit();
                outcomes = racing.get();
            }

            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).singleElement()
                    .satisfies(outcome -> assertThat(outcome.failure()).isInstanceOf(CycleException.class));
            assertThat(edgeCount(s)).isEqualTo(1L);
        }
    }

    @Test
    void deleteAndListEdges() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        List<UUID> s = steps(task, 3);
        StepEdge first = dao.edges().addEdge(s.get(0), s.get(1));
        StepEdge second = dao.edges().addEdge(s.get(1), s.get(2));

        StatementCounter counter = new StatementCounter(dataSource);
        assertThat(new StepEdgeDao(counter.dsl()).listForTask(task)).containsExactly(first, second);
        assertThat(counter.take()).isEqualTo(1);
        assertThat(dao.edges().deleteEdge(s.get(0), s.get(1))).isTrue();
        assertThat(dao.edges().deleteEdge(s.get(0), s.get(1))).isFalse();
        assertThat(dao.edges().listForTask(task)).containsExactly(second);
        assertThat(dao.edges().addEdge(s.get(2), s.get(0))).as("no longer a cycle").isNotNull();
    }

    @Test
    void edgesAddedInsideACallersTransactionAreUndoneByItsRollback() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        List<UUID> s = steps(task, 3);
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            StepEdgeDao callers = TaskerDataAccess.using(connection).edges();
            callers.addEdge(s.get(0), s.get(1));
            assertThatThrownBy(() -> callers.addEdge(s.get(1), s.get(0))).isInstanceOf(CycleException.class);
            callers.addEdges(task, List.of(new NewEdge(s.get(1), s.get(2))));
            assertThat(callers.listForTask(task)).hasSize(2);
            connection.rollback();
        }
        assertThat(edgeCount(s)).isZero();
    }

    private List<UUID> steps(UUID task, int count) throws SQLException {
        List<UUID> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(fixtures.step(task, namedStep));
        }
        return steps;
    }

    private long edgeCount(List<UUID> steps) throws SQLException {
        return (Long) value("SELECT count(*) FROM tasker_workflow_step_edges WHERE from_step_uuid = ANY (?)"
                + " OR to_step_uuid = ANY (?)", steps.toArray(UUID[]::new), steps.toArray(UUID[]::new));
    }

    /** Waits (bounded) until {@code count} sessions of this database wait for a lock. */
    private void awaitLockWaiters(int count) throws SQLException, InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            long waiting = (Long) value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND wait_event_type = 'Lock'");
            if (waiting >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(count + " sessions never waited for the task lock");
    }
}
