package dev.tasker.dao.tasker.transitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.state.SpecTables;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.TaskEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two writers transitioning the same task or step: exactly one becomes current, the other gets a
 * {@link ConflictException} and leaves nothing behind (no row, no side effect). The deterministic cases hold the
 * winner's transaction open until the loser is observed waiting on the winner's lock.
 */
class TransitionConcurrencyTest extends TransitionDaoTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 8;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterAll
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void aConcurrentTaskTransitionLosesWithAConflictAndNoSideEffects() throws Exception {
        UUID task = newTask();
        fixtures.taskTransition(task, "steps_in_process");
        ConflictException conflict = loserOf(
                winner -> winner.taskTransitions().transition(task, new TaskEvent.StepFailed(UUID.randomUUID())),
                loser -> loser.taskTransitions().transition(task, TaskEvent.Signal.COMPLETE));
        assertThat(conflict.entity()).isEqualTo("task");
        assertThat(conflict.id()).isEqualTo(task);
        assertThat(taskRows(task)).extracting(row -> row.get("to_state"))
                .containsExactly("steps_in_process", "waiting_for_retry");
        assertThat(mostRecent(taskRows(task))).isEqualTo(1);
        assertThat(taskColumns(task).get("complete")).as("the loser's side effect is absent").isEqualTo(false);
        assertThat(taskColumns(task).get("completed_at")).isNull();
    }

    @Test
    void aConcurrentStepTransitionLosesWithAConflictAndNoSideEffects() throws Exception {
        UUID step = newStep();
        fixtures.stepTransition(step, "in_progress");
        execute("UPDATE tasker_workflow_steps SET in_process = true WHERE workflow_step_uuid = ?", step);
        ConflictException conflict = loserOf(
                winner -> winner.stepTransitions().transition(step, new StepEvent.Fail("boom")),
                loser -> loser.stepTransitions().transition(step, new StepEvent.Complete(SpecTables.RESULTS)));
        assertThat(conflict.entity()).isEqualTo("workflow step");
        assertThat(conflict.id()).isEqualTo(step);
        assertThat(stepRows(step)).extracting(row -> row.get("to_state")).containsExactly("in_progress", "error");
        assertThat(mostRecent(stepRows(step))).isEqualTo(1);
        Map<String, Object> columns = stepColumns(step);
        assertThat(columns.get("in_process")).as("the winner's side effect").isEqualTo(false);
        assertThat(columns.get("processed")).as("the loser's side effects are absent").isEqualTo(false);
        assertThat(columns.get("results")).isNull();
    }

    @Test
    void racingFirstTransitionsOfATaskLeaveOneRow() throws Exception {
        UUID task = newTask();
        ConflictException conflict = loserOf(
                winner -> winner.taskTransitions().transition(task, TaskEvent.Signal.START),
                loser -> loser.taskTransitions().transition(task, TaskEvent.Signal.CANCEL));
        assertThat(conflict.id()).isEqualTo(task);
        assertThat(taskRows(task)).extracting(row -> row.get("to_state")).containsExactly("initializing");
    }

    @Test
    void racingFirstTransitionsOfAStepLeaveOneRowAndNoSideEffects() throws Exception {
        UUID step = newStep();
        ConflictException conflict = loserOf(
                winner -> winner.stepTransitions().transition(step, StepEvent.Signal.ENQUEUE),
                loser -> loser.stepTransitions().transition(step, StepEvent.Signal.RESOLVE_MANUALLY));
        assertThat(conflict.id()).isEqualTo(step);
        assertThat(stepRows(step)).extracting(row -> row.get("to_state")).containsExactly("enqueued");
        assertThat(stepColumns(step).get("processed")).isEqualTo(false);
        assertThat(stepColumns(step).get("processed_at")).isNull();
    }

    @Test
    void amongManyRacingWritersExactlyOneWinsEachRound() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            UUID task = newTask();
            UUID step = newStep();
            if (round % 2 == 0) {
                fixtures.taskTransition(task, "pending");
                fixtures.stepTransition(step, "pending");
            }
            int taskRowsBefore = taskRows(task).size();
            int stepRowsBefore = stepRows(step).size();

            assertExactlyOneWinner(race(access -> access.taskTransitions().transition(task,
                    TaskEvent.Signal.START)));
            assertExactlyOneWinner(race(access -> access.stepTransitions().transition(step,
                    StepEvent.Signal.ENQUEUE)));

            assertThat(taskRows(task)).hasSize(taskRowsBefore + 1);
            assertThat(mostRecent(taskRows(task))).isEqualTo(1);
            assertThat(stepRows(step)).hasSize(stepRowsBefore + 1);
            assertThat(mostRecent(stepRows(step))).isEqualTo(1);
        }
    }

    /**
     * Runs {@code winner} on a connection whose transaction stays open, then {@code loser} on a second connection
     * in another thread; once the loser waits for the winner's lock, commits the winner and returns the loser's
     * conflict.
     */
    private ConflictException loserOf(Consumer<TaskerDataAccess> winner, Consumer<TaskerDataAccess> loser)
            throws Exception {
        try (Connection first = open(); Connection second = open()) {
            first.setAutoCommit(false);
            winner.accept(TaskerDataAccess.using(first));
            int secondPid = backendPid(second);
            Future<?> losing = executor.submit(() -> loser.accept(TaskerDataAccess.using(second)));
            awaitLockWait(secondPid, losing);
            first.commit();
            ExecutionException failure = catchThrowableOfType(ExecutionException.class, losing::get);
            assertThat(failure).as("the second writer must fail").isNotNull();
            assertThat(failure.getCause()).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("a concurrent transition became current first");
            return (ConflictException) failure.getCause();
        }
    }

    /** Runs {@code transition} on {@link #THREADS} threads released together; returns each one's outcome. */
    private List<Object> race(Function<TaskerDataAccess, Object> transition) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            outcomes.add(executor.submit(() -> {
                start.await();
                try {
                    return transition.apply(dao);
                } catch (ConflictException | IllegalTransitionException lost) {
                    return lost;
                }
            }));
        }
        List<Object> results = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            results.add(outcome.get());
        }
        return results;
    }

    /** One outcome is a written transition; the others lost the race (conflict) or came after it (illegal). */
    private static void assertExactlyOneWinner(List<Object> outcomes) {
        assertThat(outcomes).filteredOn(outcome -> outcome instanceof TaskTransition || outcome instanceof StepTransition)
                .hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof TaskTransition
                || outcome instanceof StepTransition)).allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfAny(ConflictException.class, IllegalTransitionException.class));
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var result = statement.executeQuery(
                "SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    /**
     * Waits until backend {@code pid} waits for a lock (the loser reached the row the winner holds); fails if the
     * loser finishes without ever waiting. The bound only keeps a broken build from hanging.
     */
    private void awaitLockWait(int pid, Future<?> loser) throws SQLException, InterruptedException {
        for (int attempt = 0; attempt < 6000; attempt++) {
            if ("Lock".equals(value("SELECT COALESCE(wait_event_type, '') FROM pg_stat_activity WHERE pid = ?",
                    pid))) {
                return;
            }
            assertThat(loser.isDone()).as("the second writer finished without waiting for the first").isFalse();
            Thread.sleep(10);
        }
        throw new AssertionError("the second writer never waited for the first writer's lock");
    }
}
