package dev.tasker.dao.tasker.lifecycle;

import static dev.tasker.dao.tasker.state.TaskState.COMPLETE;
import static dev.tasker.dao.tasker.state.TaskState.ENQUEUING_STEPS;
import static dev.tasker.dao.tasker.state.TaskState.ERROR;
import static dev.tasker.dao.tasker.state.TaskState.EVALUATING_RESULTS;
import static dev.tasker.dao.tasker.state.TaskState.INITIALIZING;
import static dev.tasker.dao.tasker.state.TaskState.STEPS_IN_PROCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.Concurrently;
import dev.tasker.dao.tasker.Concurrently.Outcome;
import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.readiness.RecommendedAction;
import dev.tasker.dao.tasker.registry.NamedTask;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.templates.RegisteredTemplate;
import dev.tasker.dao.tasker.templates.TemplateTask;
import dev.tasker.dao.tasker.transitions.ClaimedStep;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import dev.tasker.dao.tasker.transitions.TaskTransition;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** {@link TaskLifecycle#advance} and {@link StepLifecycle} driving tasks made from templates. */
class TaskLifecycleTest extends LifecycleTest {

    @Test
    void advanceDrivesADiamondToCompletionAndChangesNothingWhenNothingIsDue() throws SQLException {
        TemplateTask task = task(diamondTemplate(StepDefaults.DEFAULTS));
        TaskLifecycle lifecycle = dao.taskLifecycle();

        TaskAdvance started = lifecycle.advance(task.uuid());
        assertThat(started.from()).isEqualTo(TaskState.PENDING);
        assertThat(started.transitions()).extracting(TaskTransition::toState)
                .containsExactly(INITIALIZING, ENQUEUING_STEPS, STEPS_IN_PROCESS);
        assertThat(names(task, started)).containsExactly("a");
        assertThat(started.action()).isEqualTo(RecommendedAction.WAIT_FOR_DEPENDENCIES);
        assertUnchanged(lifecycle.advance(task.uuid()), STEPS_IN_PROCESS);

        work(task, "a");
        TaskAdvance second = lifecycle.advance(task.uuid());
        assertThat(second.transitions()).extracting(TaskTransition::toState)
                .containsExactly(EVALUATING_RESULTS, ENQUEUING_STEPS, STEPS_IN_PROCESS);
        assertThat(value("SELECT metadata ->> 'event' FROM tasker_task_transitions WHERE task_uuid = ?"
                + " AND to_state = 'evaluating_results'", task.uuid())).isEqualTo("StepCompleted(" + task.step("a")
                + ")");
        assertThat(names(task, second)).containsExactlyInAnyOrder("b", "c");

        work(task, "b");
        assertUnchanged(lifecycle.advance(task.uuid()), STEPS_IN_PROCESS);
        ClaimedStep claimed = dao.stepLifecycle().claim(task.step("c"), StepAttribution.NONE).orElseThrow();
        assertThat(claimed.step().attempts()).contains(1);
        TaskAdvance whileRunning = lifecycle.advance(task.uuid());
        assertUnchanged(whileRunning, STEPS_IN_PROCESS);
        assertThat(whileRunning.action()).isEqualTo(RecommendedAction.WAIT_FOR_COMPLETION);
        dao.stepLifecycle().complete(task.step("c"), DONE, StepAttribution.NONE);
        assertThat(names(task, lifecycle.advance(task.uuid()))).containsExactly("d");

        work(task, "d");
        TaskAdvance finished = lifecycle.advance(task.uuid());
        assertThat(finished.transitions()).extracting(TaskTransition::toState)
                .containsExactly(EVALUATING_RESULTS, COMPLETE);
        assertThat(finished.completedNow()).isTrue();
        assertThat(finished.finished()).isTrue();
        TaskAdvance again = lifecycle.advance(task.uuid());
        assertUnchanged(again, COMPLETE);
        assertThat(again.completedNow()).isFalse();
        assertThat(row("SELECT complete, completed_at IS NOT NULL AS stamped FROM tasker_tasks WHERE task_uuid = ?",
                task.uuid())).containsEntry("complete", true).containsEntry("stamped", true);
        assertThat(value("SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ? AND processed"
                + " AND attempts = 1 AND results ->> 'success' = 'true'", task.uuid())).isEqualTo(4L);
    }

    @Test
    void anAdvanceCostsOneStatementPerReadOrWriteAndTwoWhenNothingIsDue() {
        TemplateTask task = task(diamondTemplate(StepDefaults.DEFAULTS));
        StatementCounter first = new StatementCounter(dataSource);
        TaskerDataAccess.using(first.dsl()).taskLifecycle().advance(task.uuid());
        StatementCounter idle = new StatementCounter(dataSource);
        assertUnchanged(TaskerDataAccess.using(idle.dsl()).taskLifecycle().advance(task.uuid()), STEPS_IN_PROCESS);
        assertThat(idle.count()).as("lock the task, read its execution context").isEqualTo(2);
        assertThat(first.count()).as("lock, context, Start (2), ReadyStepsFound (3), readiness, Enqueue (2),"
                + " StepsEnqueued (3), context").isEqualTo(14);
    }

    @Test
    void aTaskWhoseFirstStepIsNotReadyWaitsForDependenciesUntilItIs() {
        TemplateTask task = task(diamondTemplate(StepDefaults.DEFAULTS));
        dao.steps().setBackoff(task.step("a"), 3600);
        TaskAdvance waiting = dao.taskLifecycle().advance(task.uuid());
        assertThat(waiting.transitions()).extracting(TaskTransition::toState)
                .containsExactly(INITIALIZING, TaskState.WAITING_FOR_DEPENDENCIES);
        assertThat(waiting.enqueued()).isEmpty();
        assertUnchanged(dao.taskLifecycle().advance(task.uuid()), TaskState.WAITING_FOR_DEPENDENCIES);

        dao.steps().setBackoff(task.step("a"), 0);
        TaskAdvance ready = dao.taskLifecycle().advance(task.uuid());
        assertThat(ready.transitions()).extracting(TaskTransition::toState)
                .containsExactly(EVALUATING_RESULTS, ENQUEUING_STEPS, STEPS_IN_PROCESS);
        assertThat(names(task, ready)).containsExactly("a");
    }

    @Test
    void aTaskWithoutStepsCompletesAtOnceAndAnUnknownTaskIsNotFound() {
        NamedTask bare = dao.namedTasks().findOrCreate(NewNamedTask.of(namespace, "bare-" + UUID.randomUUID()
                .toString().substring(0, 8), "1.0.0"));
        UUID task = dao.templates().createTask(NewTask.of(bare.uuid(), UUID.randomUUID(), "bare")).uuid();
        assertThat(dao.taskLifecycle().advance(task).transitions()).extracting(TaskTransition::toState)
                .containsExactly(INITIALIZING, COMPLETE);
        assertThatThrownBy(() -> dao.taskLifecycle().advance(UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFailedStepRetriesAfterItsBackoffAndAStepOutOfAttemptsSendsTheTaskToError() throws SQLException {
        TemplateTask task = task(diamondTemplate(new StepDefaults(false, true, 2)));
        UUID a = task.step("a");
        dao.taskLifecycle().advance(task.uuid());
        dao.stepLifecycle().claim(a, StepAttribution.NONE).orElseThrow();

        StepFailure first = dao.stepLifecycle().fail(a, BROKEN, "ledger timeout", new RetryBackoff(60, 1.0, 60, 0),
                StepAttribution.NONE);
        assertThat(first.willRetry()).isTrue();
        assertThat(first.backoffSeconds()).hasValue(60);
        assertThat(first.transition().toState()).isEqualTo(StepState.WAITING_FOR_RETRY);
        TaskAdvance waiting = dao.taskLifecycle().advance(task.uuid());
        assertThat(waiting.transitions()).extracting(TaskTransition::toState)
                .containsExactly(TaskState.WAITING_FOR_RETRY);
        assertThat(waiting.enqueued()).as("the backoff has not passed").isEmpty();
        assertUnchanged(dao.taskLifecycle().advance(task.uuid()), TaskState.WAITING_FOR_RETRY);
        assertThat(value("SELECT metadata ->> 'event' FROM tasker_task_transitions WHERE task_uuid = ?"
                + " AND most_recent", task.uuid())).isEqualTo("StepFailed(" + a + ")");

        dao.steps().setBackoff(a, 0);
        TaskAdvance retried = dao.taskLifecycle().advance(task.uuid());
        assertThat(retried.transitions()).extracting(TaskTransition::toState)
                .containsExactly(ENQUEUING_STEPS, STEPS_IN_PROCESS);
        assertThat(retried.enqueued()).singleElement().satisfies(step -> {
            assertThat(step.workflowStepUuid()).isEqualTo(a);
            assertThat(step.attempts()).isEqualTo(1);
        });

        assertThat(dao.stepLifecycle().claim(a, StepAttribution.NONE).orElseThrow().step().attempts()).contains(2);
        StepFailure last = dao.stepLifecycle().fail(a, BROKEN, "still down", RetryBackoff.IMMEDIATE,
                StepAttribution.NONE);
        assertThat(last.willRetry()).isFalse();
        assertThat(last.transition().toState()).isEqualTo(StepState.ERROR);
        TaskAdvance failed = dao.taskLifecycle().advance(task.uuid());
        assertThat(failed.transitions()).extracting(TaskTransition::toState).containsExactly(EVALUATING_RESULTS,
                TaskState.BLOCKED_BY_FAILURES, ERROR);
        assertThat(failed.finished()).isTrue();
        assertThat(failed.completedNow()).isFalse();
        assertUnchanged(dao.taskLifecycle().advance(task.uuid()), ERROR);
        assertThat(value("SELECT complete FROM tasker_tasks WHERE task_uuid = ?", task.uuid())).isEqualTo(false);
    }

    @Test
    void aStepThatMayNotRetryFailsForGood() {
        TemplateTask task = task(diamondTemplate(new StepDefaults(false, false, 3)));
        dao.taskLifecycle().advance(task.uuid());
        dao.stepLifecycle().claim(task.step("a"), StepAttribution.NONE).orElseThrow();
        StepFailure failure = dao.stepLifecycle().fail(task.step("a"), BROKEN, "bad input", RetryBackoff.DEFAULTS,
                StepAttribution.NONE);
        assertThat(failure.willRetry()).isFalse();
        assertThat(failure.backoffSeconds()).isEmpty();
        assertThat(dao.taskLifecycle().advance(task.uuid()).state()).isEqualTo(ERROR);
    }

    @Test
    void aStepIsClaimedOnceAndIllegalStepMovesListTheAllowedEvents() {
        TemplateTask task = task(diamondTemplate(StepDefaults.DEFAULTS));
        UUID a = task.step("a");
        assertThat(dao.stepLifecycle().claim(a, StepAttribution.NONE)).as("a pending step is not claimable").isEmpty();
        dao.taskLifecycle().advance(task.uuid());
        assertThat(dao.stepLifecycle().claim(a, StepAttribution.NONE)).isPresent();
        assertThat(dao.stepLifecycle().claim(a, StepAttribution.NONE)).as("claimed already").isEmpty();
        dao.stepLifecycle().complete(a, DONE, StepAttribution.NONE);
        assertThatThrownBy(() -> dao.stepLifecycle().complete(a, DONE, StepAttribution.NONE))
                .isInstanceOfSatisfying(IllegalTransitionException.class, illegal -> assertThat(
                        illegal.allowedEvents()).containsExactly("ResolveManually", "CompleteManually"))
                .hasMessageContaining("events allowed from complete: ResolveManually, CompleteManually");
        assertThatThrownBy(() -> dao.stepLifecycle().complete(task.step("b"), DONE, StepAttribution.NONE))
                .hasMessageContaining("events allowed from (no state): Enqueue, Start, Cancel, ResolveManually");
        assertThatThrownBy(() -> dao.taskTransitions().transition(task.uuid(), TaskEvent.Signal.ALL_STEPS_SUCCESSFUL))
                .isInstanceOfSatisfying(IllegalTransitionException.class, illegal -> assertThat(
                        illegal.allowedEvents()).containsExactly("AllStepsCompleted", "Cancel", "Complete",
                        "ResolveManually", "StepCompleted", "StepFailed", "Fail"))
                .hasMessageContaining("events allowed from steps_in_process: AllStepsCompleted, Cancel");
    }

    @Test
    void orchestratorsAdvancingTheSameTaskApplyEachTransitionOnce() throws InterruptedException {
        RegisteredTemplate template = diamondTemplate(StepDefaults.DEFAULTS);
        for (int round = 0; round < 6; round++) {
            TemplateTask task = task(template);
            List<Outcome<TaskAdvance>> starts = advanceConcurrently(task.uuid(), 4);
            assertOnceAmong(starts, task, List.of("a"), 3);
            work(task, "a");
            assertOnceAmong(advanceConcurrently(task.uuid(), 4), task, List.of("b", "c"), 3);
            List<Outcome<Optional<ClaimedStep>>> claims = Concurrently.run(claim(task.step("b")),
                    claim(task.step("b")), claim(task.step("b")));
            assertThat(claims).allMatch(Outcome::succeeded);
            assertThat(claims.stream().filter(claim -> claim.value().isPresent())).as("claimed by one").hasSize(1);
            assertThat(dao.taskTransitions().history(task.uuid())).hasSize(6);
        }
    }

    private List<Outcome<TaskAdvance>> advanceConcurrently(UUID task, int orchestrators)
            throws InterruptedException {
        @SuppressWarnings("unchecked")
        Callable<TaskAdvance>[] calls = new Callable[orchestrators];
        for (int i = 0; i < orchestrators; i++) {
            calls[i] = () -> dao.taskLifecycle().advance(task);
        }
        return Concurrently.run(calls);
    }

    private Callable<Optional<ClaimedStep>> claim(UUID step) {
        return () -> dao.stepLifecycle().claim(step, StepAttribution.NONE);
    }

    /** No failure; one outcome applied {@code transitions} and enqueued {@code steps}; the others saw the result. */
    private static void assertOnceAmong(List<Outcome<TaskAdvance>> outcomes, TemplateTask task, List<String> steps,
            int transitions) {
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        List<TaskAdvance> changed = outcomes.stream().map(Outcome::value).filter(TaskAdvance::changed).toList();
        assertThat(changed).as("one orchestrator applied the transitions").singleElement().satisfies(advance -> {
            assertThat(advance.transitions()).hasSize(transitions);
            assertThat(names(task, advance)).containsExactlyInAnyOrderElementsOf(steps);
        });
        assertThat(outcomes).extracting(outcome -> outcome.value().state()).containsOnly(STEPS_IN_PROCESS);
        assertThat(outcomes.stream().mapToInt(outcome -> outcome.value().enqueued().size()).sum())
                .isEqualTo(steps.size());
    }

    private void work(TemplateTask task, String step) {
        assertThat(dao.stepLifecycle().claim(task.step(step), StepAttribution.NONE)).isPresent();
        assertThat(dao.stepLifecycle().complete(task.step(step), DONE, StepAttribution.NONE).toState())
                .isEqualTo(StepState.COMPLETE);
    }

    private static List<String> names(TemplateTask task, TaskAdvance advance) {
        return advance.enqueued().stream().map(EnqueuedStep::name).peek(name -> assertThat(task.step(name))
                .isNotNull()).toList();
    }

    private static void assertUnchanged(TaskAdvance advance, TaskState state) {
        assertThat(advance.changed()).as("nothing due").isFalse();
        assertThat(advance.enqueued()).isEmpty();
        assertThat(advance.from()).isEqualTo(state);
        assertThat(advance.state()).isEqualTo(state);
    }
}
