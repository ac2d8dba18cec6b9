package dev.tasker.dao.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.analytics.SlowestQuery;
import dev.tasker.dao.tasker.dlq.StalenessThresholds;
import dev.tasker.dao.tasker.registry.TaskAnnotation;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.steps.NewEdge;
import dev.tasker.dao.tasker.steps.NewStep;
import dev.tasker.dao.tasker.steps.WorkflowStep;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.tasks.Task;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list and batch methods run one statement whatever the number of rows (no N+1): each is counted with a
 * {@link StatementCounter} on data that gives it several rows to return.
 */
class RoundTripsTest extends TaskerDaoTest {

    private UUID system;
    private UUID parentCorrelation;
    private Task task;
    private List<WorkflowStep> steps;
    private int annotationType;

    @BeforeAll
    void arrange() throws SQLException {
        system = fixtures.dependentSystem(TaskerFixtures.unique("sys"));
        for (String name : List.of("ns", "sys", "type")) {
            dao.namespaces().findOrCreate(TaskerFixtures.unique(name), null);
            dao.dependentSystems().findOrCreate(TaskerFixtures.unique(name), null);
            dao.annotationTypes().findOrCreate(TaskerFixtures.unique(name), null);
        }
        UUID namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")),
                TaskerFixtures.unique("task"), null);
        parentCorrelation = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            task = dao.tasks().create(NewTask.of(namedTask, UUID.randomUUID(), TaskerFixtures.unique("hash"))
                    .withParentCorrelationId(parentCorrelation));
        }
        List<UUID> namedSteps = List.of(dao.namedSteps().findOrCreate(system, "a", null).uuid(),
                dao.namedSteps().findOrCreate(system, "b", null).uuid(),
                dao.namedSteps().findOrCreate(system, "c", null).uuid());
        steps = dao.steps().createSteps(task.uuid(), namedSteps.stream().map(NewStep::of).toList());
        dao.edges().addEdges(task.uuid(), List.of(new NewEdge(step(0), step(1)), new NewEdge(step(1), step(2))));
        for (int i = 0; i < 3; i++) {
            dao.objectMaps().findOrCreate(system, "local-" + i, system, "remote-" + i);
        }
        annotationType = dao.annotationTypes().findOrCreate(TaskerFixtures.unique("note"), null).id();
        for (int i = 0; i < 3; i++) {
            dao.taskAnnotations().add(task.uuid(), annotationType, JSONB.valueOf("{\"n\": " + i + "}"));
        }
        for (TaskEvent event : List.of(TaskEvent.Signal.START, new TaskEvent.ReadyStepsFound(1))) {
            dao.taskTransitions().transition(task.uuid(), event);
        }
        for (StepEvent event : List.of(StepEvent.Signal.ENQUEUE, StepEvent.Signal.START)) {
            dao.stepTransitions().transition(step(0), event);
        }
        dao.stepTransitions().transition(step(1), StepEvent.Signal.CANCEL);
    }

    private UUID step(int index) {
        return steps.get(index).uuid();
    }

    /** The result of {@code call} on a counting context, asserting that it ran exactly one statement. */
    private <T> T inOneStatement(Function<TaskerDataAccess, T> call) {
        StatementCounter counter = new StatementCounter(dataSource);
        T result = call.apply(TaskerDataAccess.using(counter.dsl()));
        assertThat(counter.count()).as("statements").isEqualTo(1);
        return result;
    }

    /** The number of rows {@code call} returned in one statement. */
    private int rowsInOneStatement(Function<TaskerDataAccess, ? extends Collection<?>> call) {
        return inOneStatement(call).size();
    }

    private void manyInOneStatement(Function<TaskerDataAccess, ? extends Collection<?>> call) {
        assertThat(rowsInOneStatement(call)).isGreaterThan(1);
    }

    @Test
    void registryLists() {
        manyInOneStatement(access -> access.namespaces().list());
        manyInOneStatement(access -> access.dependentSystems().list());
        manyInOneStatement(access -> access.annotationTypes().list());
        manyInOneStatement(access -> access.namedSteps().listBySystem(system));
        manyInOneStatement(access -> access.objectMaps().listForSystem(system));
        manyInOneStatement(access -> access.taskAnnotations().listForTask(task.uuid()));
        String typeName = dao.annotationTypes().get(annotationType).orElseThrow().name();
        List<TaskAnnotation> ofType = inOneStatement(access -> access.taskAnnotations().listForTask(task.uuid(),
                typeName));
        assertThat(ofType).extracting(TaskAnnotation::annotationTypeId).containsOnly(annotationType).hasSize(3);
    }

    @Test
    void taskStepAndDagLists() throws SQLException {
        manyInOneStatement(access -> access.tasks().listByParentCorrelationId(parentCorrelation));
        manyInOneStatement(access -> access.steps().listForTask(task.uuid()));
        manyInOneStatement(access -> access.edges().listForTask(task.uuid()));
        manyInOneStatement(access -> access.dag().dag(task.uuid()));
        assertThat(rowsInOneStatement(access -> access.dag().roots(task.uuid()))).isEqualTo(1);
        assertThat(rowsInOneStatement(access -> access.dag().leaves(task.uuid()))).isEqualTo(1);
        UUID other = dao.tasks().create(NewTask.of(task.namedTaskUuid(), UUID.randomUUID(), "batch")).uuid();
        List<NewStep> batch = steps.stream().map(step -> NewStep.of(step.namedStepUuid())).toList();
        assertThat(rowsInOneStatement(access -> access.steps().createSteps(other, batch))).isEqualTo(3);
        assertThat(value("SELECT count(*) FROM tasker_workflow_steps WHERE task_uuid = ?", other)).isEqualTo(3L);
    }

    @Test
    void transitionHistoriesAndCurrentStates() {
        manyInOneStatement(access -> access.taskTransitions().history(task.uuid()));
        manyInOneStatement(access -> access.stepTransitions().history(step(0)));
        Map<UUID, StepState> states = inOneStatement(access -> access.stepTransitions().currentStates(
                steps.stream().map(WorkflowStep::uuid).toList()));
        assertThat(states).isEqualTo(Map.of(step(0), StepState.IN_PROGRESS, step(1), StepState.CANCELLED));
        Map<UUID, TaskState> taskStates = inOneStatement(access -> access.taskTransitions().currentStates(
                List.of(task.uuid(), UUID.randomUUID())));
        assertThat(taskStates).isEqualTo(Map.of(task.uuid(), TaskState.ENQUEUING_STEPS));
    }

    @Test
    void dependencyAndAnalyticsQueries() {
        manyInOneStatement(access -> access.stepDependencies().dependencyLevels(task.uuid()).keySet());
        manyInOneStatement(access -> access.stepDependencies().transitiveDependencies(step(2)));
        inOneStatement(access -> access.staleTasks().findStale(StalenessThresholds.DEFAULTS, 10));
        inOneStatement(access -> access.staleTasks().dryRun(StalenessThresholds.DEFAULTS, 10));
        inOneStatement(access -> access.analytics().slowestSteps(SlowestQuery.lastDay(10)));
        inOneStatement(access -> access.analytics().slowestTasks(SlowestQuery.lastDay(10)));
        inOneStatement(access -> access.dlqMonitoring().staleness(10));
    }
}
