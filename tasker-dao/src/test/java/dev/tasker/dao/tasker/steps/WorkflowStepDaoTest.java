package dev.tasker.dao.tasker.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link WorkflowStepDao} against the real schema. */
class WorkflowStepDaoTest extends TaskerDaoTest {

    private UUID namedTask;
    private UUID extract;
    private UUID load;

    @BeforeAll
    void template() throws SQLException {
        namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")), TaskerFixtures.unique("t"),
                null);
        UUID system = fixtures.dependentSystem(TaskerFixtures.unique("sys"));
        extract = fixtures.namedStep(system, "extract");
        load = fixtures.namedStep(system, "load");
        dao.taskTemplates().link(namedTask, extract, new StepDefaults(true, false, 5));
        dao.taskTemplates().link(namedTask, load, StepDefaults.DEFAULTS);
    }

    @Test
    void createFromTemplateInsertsOneStepPerTemplateRowWithItsDefaultsOnce() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        StatementCounter counter = new StatementCounter(dataSource);

        List<WorkflowStep> created = new WorkflowStepDao(counter.dsl()).createFromTemplate(task);

        assertThat(counter.take()).as("lock the task + one INSERT … SELECT").isEqualTo(2);
        assertThat(created).extracting(WorkflowStep::namedStepUuid).containsExactlyInAnyOrder(extract, load);
        Map<String, Object> row = row("SELECT retryable, max_attempts, skippable, attempts, in_process, processed"
                + " FROM tasker_workflow_steps WHERE task_uuid = ? AND named_step_uuid = ?", task, extract);
        assertThat(row).containsEntry("retryable", false).containsEntry("max_attempts", 5)
                .containsEntry("skippable", true).containsEntry("attempts", null).containsEntry("in_process", false)
                .containsEntry("processed", false);
        assertThat(value("SELECT max_attempts FROM tasker_workflow_steps WHERE task_uuid = ? AND named_step_uuid = ?",
                task, load)).isEqualTo(3);

        assertThat(dao.steps().createFromTemplate(task)).as("a second call creates nothing").isEmpty();
        assertThat(value("SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ?", task)).isEqualTo(2L);
        assertThat(dao.steps().listForTask(task)).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void createFromTemplateOfAMissingTaskIsNotFound() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.steps().createFromTemplate(missing))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(missing));
    }

    @Test
    void createStepsInsertsABatchInOneStatementInTheGivenOrder() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        StatementCounter counter = new StatementCounter(dataSource);
        List<NewStep> batch = List.of(NewStep.of(load).withRetry(false, 1).withPriority(4),
                NewStep.of(extract).withSkippable(true).withInputs(JSONB.valueOf("{\"n\": 1}")),
                NewStep.of(load));

        List<WorkflowStep> created = new WorkflowStepDao(counter.dsl()).createSteps(task, batch);

        assertThat(counter.take()).isEqualTo(1);
        assertThat(created).extracting(WorkflowStep::namedStepUuid).containsExactly(load, extract, load);
        assertThat(created.get(0).retryable()).isFalse();
        assertThat(created.get(0).maxAttempts()).contains(1);
        assertThat(created.get(0).priority()).isEqualTo(4);
        assertThat(value("SELECT inputs->>'n' FROM tasker_workflow_steps WHERE workflow_step_uuid = ?",
                created.get(1).uuid())).isEqualTo("1");
        assertThat(value("SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ?", task)).isEqualTo(3L);
        assertThat(dao.steps().createSteps(task, List.of())).isEmpty();
    }

    @Test
    void aBatchWithAMissingNamedStepWritesNothing() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.steps().createSteps(task, List.of(NewStep.of(extract), NewStep.of(missing))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("named step");
                    assertThat(e.id()).isEqualTo(missing);
                });
        assertThat(value("SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ?", task)).isEqualTo(0L);
        assertThatThrownBy(() -> NewStep.of(extract).withRetry(true, -1))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("maxAttempts");
        assertThatThrownBy(() -> dao.steps().createSteps(task, java.util.Arrays.asList(NewStep.of(load), null)))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("steps");
    }

    @Test
    void claimCountsAttemptsFromNullAndStampsTheAttempt() throws SQLException {
        UUID step = newStep();
        WorkflowStep first = dao.steps().claim(step);
        WorkflowStep second = dao.steps().claim(step);

        assertThat(first.attempts()).contains(1);
        assertThat(second.attempts()).contains(2);
        Map<String, Object> row = row("SELECT attempts, last_attempted_at IS NOT NULL AS stamped"
                + " FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step);
        assertThat(row).containsEntry("attempts", 2).containsEntry("stamped", true);
    }

    @Test
    void backoffResultsInputsAndCheckpointAreWrittenAndCleared() throws SQLException {
        UUID step = newStep();
        dao.steps().setBackoff(step, 30);
        assertThat(row("SELECT backoff_request_seconds, last_attempted_at > now() - interval '1 minute' AS stamped"
                + " FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step))
                .as("backoff counted from now, as set_step_backoff_atomic does")
                .containsEntry("backoff_request_seconds", 30).containsEntry("stamped", true);
        assertThat(dao.steps().clearBackoff(step).backoffRequestSeconds()).isEmpty();
        assertThat(value("SELECT backoff_request_seconds FROM tasker_workflow_steps WHERE workflow_step_uuid = ?",
                step)).isNull();

        dao.steps().setResults(step, JSONB.valueOf("{\"ok\": true}"));
        dao.steps().setInputs(step, JSONB.valueOf("{\"in\": 2}"));
        dao.steps().setCheckpoint(step, JSONB.valueOf("{\"cursor\": 17}"));
        Map<String, Object> row = row("SELECT results->>'ok' AS ok, inputs->>'in' AS input,"
                + " checkpoint->>'cursor' AS cursor FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step);
        assertThat(row).containsEntry("ok", "true").containsEntry("input", "2").containsEntry("cursor", "17");

        assertThat(dao.steps().clearCheckpoint(step).checkpoint()).isEmpty();
        assertThat(value("SELECT checkpoint FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step)).isNull();
        assertThatThrownBy(() -> dao.steps().setBackoff(step, -1)).isInstanceOf(InvalidArgumentException.class)
                .extracting("argument").isEqualTo("seconds");
        assertThatThrownBy(() -> dao.steps().setCheckpoint(step, null)).isInstanceOf(InvalidArgumentException.class)
                .extracting("argument").isEqualTo("checkpoint");
    }

    @Test
    void resetForRetryClearsTheAttemptStateAndKeepsInputsAndCheckpoint() throws SQLException {
        UUID step = newStep();
        dao.steps().claim(step);
        dao.steps().setBackoff(step, 10);
        dao.steps().setInputs(step, JSONB.valueOf("{\"in\": 1}"));
        dao.steps().setCheckpoint(step, JSONB.valueOf("{\"cursor\": 3}"));
        execute("UPDATE tasker_workflow_steps SET processed = true, in_process = true, processed_at = now(),"
                + " results = '{\"r\": 1}' WHERE workflow_step_uuid = ?", step);

        WorkflowStep reset = dao.steps().resetForRetry(step);

        assertThat(reset.attempts()).contains(0);
        Map<String, Object> row = row("SELECT attempts, in_process, processed, processed_at, results,"
                + " backoff_request_seconds, inputs IS NOT NULL AS has_inputs, checkpoint IS NOT NULL AS has_checkpoint"
                + " FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step);
        assertThat(row).containsEntry("attempts", 0).containsEntry("in_process", false)
                .containsEntry("processed", false).containsEntry("processed_at", null).containsEntry("results", null)
                .containsEntry("backoff_request_seconds", null).containsEntry("has_inputs", true)
                .containsEntry("has_checkpoint", true);
    }

    @Test
    void updatesOfAMissingStepAreNotFound() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.steps().claim(missing)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("workflow step");
            assertThat(e.id()).isEqualTo(missing);
        });
        assertThatThrownBy(() -> dao.steps().resetForRetry(missing)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dao.steps().setResults(missing, null)).isInstanceOf(NotFoundException.class);
        assertThat(dao.steps().get(missing)).isEmpty();
        assertThat(dao.steps().lockForUpdate(missing)).isEmpty();
    }

    @Test
    void lockForUpdateHoldsTheRowUntilTheCallersTransactionEnds() throws SQLException {
        UUID step = newStep();
        try (Connection holder = open(); Connection other = open()) {
            holder.setAutoCommit(false);
            assertThat(TaskerDataAccess.using(holder).steps().lockForUpdate(step)).map(WorkflowStep::uuid)
                    .contains(step);
            other.setAutoCommit(false);
            try (var statement = other.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '100ms'");
            }
            assertThatThrownBy(() -> TaskerDataAccess.using(other).steps().lockForUpdate(step))
                    .as("a second locker cannot get the row").hasMessageContaining("lock");
            other.rollback();
            holder.rollback();
        }
        assertThat(dao.steps().lockForUpdate(step)).isPresent();
    }

    @Test
    void stepWritesInsideACallersTransactionAreUndoneByItsRollback() throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            WorkflowStepDao callers = TaskerDataAccess.using(connection).steps();
            List<WorkflowStep> created = callers.createFromTemplate(task);
            callers.claim(created.get(0).uuid());
            callers.createSteps(task, List.of(NewStep.of(load)));
            connection.rollback();
        }
        assertThat(value("SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ?", task)).isEqualTo(0L);
    }

    private UUID newStep() throws SQLException {
        return fixtures.step(fixtures.task(namedTask, 0), extract);
    }
}
