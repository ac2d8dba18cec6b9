package dev.tasker.dao.tasker.transitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.state.SpecTables;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link StepTransitionDao} against the embedded database. */
class StepTransitionDaoTest extends TransitionDaoTest {

    /** §7.2 side-effect table: states whose entry sets processed (and processed_at). */
    private static final Set<StepState> PROCESSING = EnumSet.of(StepState.COMPLETE, StepState.CANCELLED,
            StepState.RESOLVED_MANUALLY);
    /** States whose entry clears in_process. */
    private static final Set<StepState> LEAVING_PROCESS = EnumSet.of(StepState.COMPLETE, StepState.ERROR,
            StepState.CANCELLED, StepState.RESOLVED_MANUALLY, StepState.ENQUEUED_FOR_ORCHESTRATION,
            StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION);
    /** States whose entry writes the event's results. */
    private static final Set<StepState> TAKING_RESULTS = EnumSet.of(StepState.COMPLETE,
            StepState.ENQUEUED_FOR_ORCHESTRATION, StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION);

    private StepTransitionDao transitions;

    @BeforeAll
    void createDao() {
        transitions = dao.stepTransitions();
    }

    static Stream<SpecTables.StepRow> legalTransitions() {
        return SpecTables.stepTable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legalTransitions")
    void everyLegalTransitionIsWrittenWithItsSideEffects(SpecTables.StepRow legal) throws SQLException {
        UUID step = newStep();
        fixtures.stepTransition(step, "pending");
        if (legal.from() != StepState.PENDING) {
            fixtures.stepTransition(step, legal.from().databaseValue());
        }
        boolean inProcessBefore = legal.from() == StepState.IN_PROGRESS;
        execute("UPDATE tasker_workflow_steps SET attempts = 2, in_process = ? WHERE workflow_step_uuid = ?",
                inProcessBefore, step);
        UUID worker = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();

        StepTransition written = transitions.transition(step, legal.event(), StepAttribution.of(worker, correlation));

        List<Map<String, Object>> rows = stepRows(step);
        Map<String, Object> last = rows.getLast();
        assertThat(mostRecent(rows)).isEqualTo(1);
        assertThat(last.get("most_recent")).isEqualTo(true);
        assertThat(last.get("from_state")).isEqualTo(legal.from().databaseValue());
        assertThat(last.get("to_state")).isEqualTo(legal.to().databaseValue());
        assertThat(last.get("sort_key")).isEqualTo(rows.size());
        assertThat(last.get("workflow_step_transition_uuid")).isEqualTo(written.transitionUuid());
        Map<String, Object> metadata = row("SELECT metadata ->> 'event' AS event, metadata ->> 'worker_uuid' AS worker,"
                + " metadata ->> 'correlation_id' AS correlation, (metadata ->> 'timestamp')::timestamptz AS at"
                + " FROM tasker_workflow_step_transitions WHERE workflow_step_transition_uuid = ?",
                written.transitionUuid());
        assertThat(metadata.get("event")).isEqualTo(legal.event().toJson());
        assertThat(metadata.get("worker")).isEqualTo(worker.toString());
        assertThat(metadata.get("correlation")).isEqualTo(correlation.toString());
        assertThat(metadata.get("at")).isNotNull();

        Map<String, Object> columns = stepColumns(step);
        assertThat(columns.get("in_process")).isEqualTo(legal.to() == StepState.IN_PROGRESS
                || inProcessBefore && !LEAVING_PROCESS.contains(legal.to()));
        assertThat(columns.get("processed")).isEqualTo(PROCESSING.contains(legal.to()));
        assertThat(columns.get("processed_at") != null).isEqualTo(PROCESSING.contains(legal.to()));
        Optional<JSONB> results = TAKING_RESULTS.contains(legal.to()) ? legal.event().results() : Optional.empty();
        assertThat(value("SELECT results IS NOT DISTINCT FROM ?::jsonb FROM tasker_workflow_steps"
                + " WHERE workflow_step_uuid = ?", results.map(JSONB::data).orElse(null), step))
                .as("results = %s", results).isEqualTo(true);
        assertThat(columns.get("attempts")).isEqualTo(legal.event() == StepEvent.Signal.RESET_FOR_RETRY ? 0 : 2);
        assertThat(written.toState()).isEqualTo(legal.to());
        assertThat(written.fromState()).contains(legal.from());
        assertThat(written.stepUuid()).isEqualTo(step);
    }

    @Test
    void dependenciesMustBeMetToEnqueueOrStartFromPending() throws SQLException {
        UUID task = newTask();
        UUID done = newStep(task);
        UUID resolved = newStep(task);
        UUID running = newStep(task);
        UUID child = newStep(task);
        fixtures.edge(done, child);
        fixtures.edge(resolved, child);
        fixtures.edge(running, child);
        fixtures.stepTransition(done, "complete");
        fixtures.stepTransition(resolved, "resolved_manually");
        fixtures.stepTransition(running, "in_progress");

        for (StepEvent event : List.of(StepEvent.Signal.ENQUEUE, StepEvent.Signal.START)) {
            assertThatThrownBy(() -> transitions.transition(child, event))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                        assertThat(refused.id()).isEqualTo(child);
                        assertThat(refused.fromState()).isEmpty();
                    })
                    .hasMessageContaining("dependencies not met: 1 parent step(s)");
        }
        assertThat(stepRows(child)).isEmpty();

        fixtures.stepTransition(running, "complete");
        assertThat(transitions.transition(child, StepEvent.Signal.ENQUEUE).toState()).isEqualTo(StepState.ENQUEUED);
    }

    @Test
    void aParentWithoutTransitionsCountsAsPending() throws SQLException {
        UUID task = newTask();
        UUID parent = newStep(task);
        UUID child = newStep(task);
        fixtures.edge(parent, child);
        assertThatThrownBy(() -> transitions.transition(child, StepEvent.Signal.ENQUEUE))
                .hasMessageContaining("dependencies not met: 1 parent");
        assertThat(transitions.transition(parent, StepEvent.Signal.ENQUEUE).toState()).isEqualTo(StepState.ENQUEUED);
    }

    @Test
    void aStepInProcessIsNotEnqueuedOrStartedAgain() throws SQLException {
        UUID pending = newStep();
        UUID enqueued = newStep();
        fixtures.stepTransition(enqueued, "enqueued");
        execute("UPDATE tasker_workflow_steps SET in_process = true WHERE workflow_step_uuid IN (?, ?)", pending,
                enqueued);
        assertThatThrownBy(() -> transitions.transition(pending, StepEvent.Signal.ENQUEUE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already in process");
        assertThatThrownBy(() -> transitions.transition(enqueued, StepEvent.Signal.START))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already in process");
        assertThat(stepRows(pending)).isEmpty();
        assertThat(stepRows(enqueued)).hasSize(1);
    }

    static Stream<SpecTables.Illegal<StepState, StepEvent>> illegalTransitions() {
        return SpecTables.stepIllegalFamilies().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalTransitions")
    void everyIllegalTransitionFamilyIsRefusedWithNothingWritten(SpecTables.Illegal<StepState, StepEvent> illegal)
            throws SQLException {
        UUID step = newStep();
        if (illegal.from().isPresent()) {
            fixtures.stepTransition(step, illegal.from().get().databaseValue());
        }
        List<Map<String, Object>> before = stepRows(step);
        Map<String, Object> columns = stepColumns(step);

        assertThatThrownBy(() -> transitions.transition(step, illegal.event()))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                    assertThat(refused.entity()).isEqualTo("workflow step");
                    assertThat(refused.id()).isEqualTo(step);
                    assertThat(refused.fromState()).isEqualTo(illegal.from().map(StepState::databaseValue));
                    assertThat(refused.requested()).isEqualTo(illegal.event().eventName());
                })
                .hasMessageContaining(illegal.reason());
        assertThat(stepRows(step)).isEqualTo(before);
        assertThat(stepColumns(step)).isEqualTo(columns);
    }

    @Test
    void workerResultsAreAuditedWithAttributionSuccessAndExecutionTime() throws SQLException {
        UUID task = newTask();
        UUID succeeded = newStep(task);
        UUID failed = newStep(task);
        UUID worker = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        for (UUID step : List.of(succeeded, failed)) {
            fixtures.stepTransition(step, "in_progress");
        }
        StepTransition ok = transitions.transition(succeeded, new StepEvent.EnqueueForOrchestration(
                SpecTables.RESULTS), StepAttribution.of(worker, correlation));
        StepTransition error = transitions.transition(failed, new StepEvent.EnqueueAsErrorForOrchestration(
                JSONB.valueOf("{\"success\": false, \"metadata\": {\"execution_time_ms\": 9}}")));

        Map<String, Object> audited = row("SELECT * FROM tasker_workflow_step_result_audit"
                + " WHERE workflow_step_transition_uuid = ?", ok.transitionUuid());
        assertThat(audited.get("workflow_step_uuid")).isEqualTo(succeeded);
        assertThat(audited.get("task_uuid")).isEqualTo(task);
        assertThat(audited.get("worker_uuid")).isEqualTo(worker);
        assertThat(audited.get("correlation_id")).isEqualTo(correlation);
        assertThat(audited.get("success")).isEqualTo(true);
        assertThat(audited.get("execution_time_ms")).isEqualTo(42L);
        Map<String, Object> auditedError = row("SELECT * FROM tasker_workflow_step_result_audit"
                + " WHERE workflow_step_transition_uuid = ?", error.transitionUuid());
        assertThat(auditedError.get("success")).isEqualTo(false);
        assertThat(auditedError.get("execution_time_ms")).isEqualTo(9L);
        assertThat(auditedError.get("worker_uuid")).isNull();

        transitions.transition(succeeded, new StepEvent.Complete(SpecTables.RESULTS));
        assertThat(value("SELECT count(*) FROM tasker_workflow_step_result_audit WHERE workflow_step_uuid = ?",
                succeeded)).as("only worker results are audited").isEqualTo(1L);
    }

    @Test
    void historyCurrentStatesMetadataAndUnknownSteps() throws SQLException {
        UUID step = newStep();
        UUID other = newStep();
        UUID without = newStep();
        transitions.transition(step, StepEvent.Signal.ENQUEUE);
        StepTransition started = transitions.transition(step, StepEvent.Signal.START);
        transitions.transition(other, new StepEvent.Fail("boom"));

        assertThat(transitions.history(step)).extracting(StepTransition::toState)
                .containsExactly(StepState.ENQUEUED, StepState.IN_PROGRESS);
        assertThat(transitions.current(step)).contains(started);
        assertThat(transitions.currentState(without)).isEmpty();
        assertThat(transitions.currentStates(List.of(step, other, without)))
                .isEqualTo(Map.of(step, StepState.IN_PROGRESS, other, StepState.ERROR));

        transitions.updateMetadata(started.transitionUuid(), JSONB.valueOf("{\"note\": \"x\"}"));
        assertThat(value("SELECT metadata::text FROM tasker_workflow_step_transitions"
                + " WHERE workflow_step_transition_uuid = ?", started.transitionUuid())).isEqualTo("{\"note\": \"x\"}");

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> transitions.transition(unknown, StepEvent.Signal.ENQUEUE))
                .isInstanceOfSatisfying(NotFoundException.class, missing -> {
                    assertThat(missing.entity()).isEqualTo("workflow step");
                    assertThat(missing.id()).isEqualTo(unknown);
                });
        assertThatThrownBy(() -> transitions.updateMetadata(unknown, JSONB.valueOf("{}")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> transitions.transition(step, StepEvent.Signal.CANCEL, null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("attribution");
    }

    @Test
    void startAndClaimMovesToInProgressAndCountsTheAttemptInOneUnit() throws SQLException {
        UUID step = newStep();
        fixtures.stepTransition(step, "enqueued");
        execute("UPDATE tasker_workflow_steps SET attempts = 1, last_attempted_at = now() - interval '1 hour'"
                + " WHERE workflow_step_uuid = ?", step);
        UUID worker = UUID.randomUUID();

        ClaimedStep claimed = transitions.startAndClaim(step, StepAttribution.of(worker, UUID.randomUUID()));

        assertThat(claimed.transition().toState()).isEqualTo(StepState.IN_PROGRESS);
        assertThat(claimed.transition().fromState()).contains(StepState.ENQUEUED);
        assertThat(claimed.step().attempts()).contains(2);
        assertThat(claimed.step().inProcess()).isTrue();
        Map<String, Object> columns = row("SELECT attempts, in_process, last_attempted_at > now() - interval '1 minute'"
                + " AS stamped FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step);
        assertThat(columns).containsEntry("attempts", 2).containsEntry("in_process", true)
                .containsEntry("stamped", true);
        assertThat(stepRows(step).getLast()).containsEntry("to_state", "in_progress")
                .containsEntry("workflow_step_transition_uuid", claimed.transition().transitionUuid());
        assertThat(value("SELECT metadata ->> 'worker_uuid' FROM tasker_workflow_step_transitions"
                + " WHERE workflow_step_transition_uuid = ?", claimed.transition().transitionUuid()))
                .isEqualTo(worker.toString());
    }

    @Test
    void aRefusedStartCountsNoAttempt() throws SQLException {
        UUID task = newTask();
        UUID parent = newStep(task);
        UUID child = newStep(task);
        fixtures.edge(parent, child);
        UUID finished = newStep(task);
        fixtures.stepTransition(finished, "complete");

        assertThatThrownBy(() -> transitions.startAndClaim(child, StepAttribution.NONE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("dependencies not met");
        assertThatThrownBy(() -> transitions.startAndClaim(finished, StepAttribution.NONE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("terminal state complete");
        assertThatThrownBy(() -> transitions.startAndClaim(UUID.randomUUID(), StepAttribution.NONE))
                .isInstanceOf(NotFoundException.class);
        for (UUID step : List.of(child, finished)) {
            assertThat(row("SELECT attempts, last_attempted_at FROM tasker_workflow_steps WHERE workflow_step_uuid = ?",
                    step)).containsEntry("attempts", null).containsEntry("last_attempted_at", null);
        }
        assertThat(stepRows(child)).isEmpty();
        assertThat(stepRows(finished)).hasSize(1);
    }

    @Test
    void pruningKeepsTheNewestAndEveryAuditedTransition() throws SQLException {
        UUID step = newStep();
        transitions.transition(step, StepEvent.Signal.ENQUEUE);
        transitions.transition(step, StepEvent.Signal.START);
        StepTransition audited = transitions.transition(step,
                new StepEvent.EnqueueAsErrorForOrchestration(SpecTables.RESULTS));
        transitions.transition(step, new StepEvent.Fail("boom"));
        transitions.transition(step, StepEvent.Signal.RETRY);
        transitions.transition(step, StepEvent.Signal.ENQUEUE);

        assertThat(transitions.prune(step, 2)).isEqualTo(3);
        assertThat(stepRows(step)).extracting(row -> row.get("sort_key")).containsExactly(3, 5, 6);
        assertThat(stepRows(step).getFirst().get("workflow_step_transition_uuid"))
                .isEqualTo(audited.transitionUuid());
        assertThat(mostRecent(stepRows(step))).isEqualTo(1);
    }
}
