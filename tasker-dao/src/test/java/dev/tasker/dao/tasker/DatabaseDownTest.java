package dev.tasker.dao.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.dlq.DlqFilter;
import dev.tasker.dao.tasker.dlq.StalenessThresholds;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.TaskEvent;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that refuses connections: every DAO fails with a plain {@link TaskerDaoException} naming the operation,
 * with the jOOQ exception as its cause; no jOOQ or JDBC exception escapes.
 */
class DatabaseDownTest {

    private static final UUID ID = UUID.randomUUID();

    private static TaskerDataAccess down() {
        PGSimpleDataSource refusing = new PGSimpleDataSource();
        refusing.setServerNames(new String[] {"127.0.0.1"});
        refusing.setPortNumbers(new int[] {1});
        refusing.setDatabaseName("tasker");
        refusing.setConnectTimeout(2);
        return TaskerDataAccess.using(refusing);
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                call("list namespaces", access -> access.namespaces().list()),
                call("get dependent system", access -> access.dependentSystems().get(ID)),
                call("find annotation type", access -> access.annotationTypes().findByName("type")),
                call("find or create named task",
                        access -> access.namedTasks().findOrCreate(NewNamedTask.of(ID, "task", "1.0.0"))),
                call("list named steps", access -> access.namedSteps().listBySystem(ID)),
                call("list template steps", access -> access.taskTemplates().steps(ID)),
                call("find or create object map", access -> access.objectMaps().findOrCreate(ID, "a", ID, "b")),
                call("list task annotations", access -> access.taskAnnotations().listForTask(ID)),
                call("get task", access -> access.tasks().get(ID)),
                call("mark task complete", access -> access.tasks().markComplete(ID)),
                call("create steps from template", access -> access.steps().createFromTemplate(ID)),
                call("add step edge", access -> access.edges().addEdge(ID, UUID.randomUUID())),
                call("read step DAG", access -> access.dag().dag(ID)),
                call("transition task", access -> access.taskTransitions().transition(ID, TaskEvent.Signal.START)),
                call("transition workflow step",
                        access -> access.stepTransitions().transition(ID, StepEvent.Signal.ENQUEUE)),
                call("read workflow step transitions", access -> access.stepTransitions().history(ID)),
                call("read step readiness of task", access -> access.stepReadiness().forTask(ID)),
                call("read execution contexts of 1 tasks", access -> access.executionContexts().forTasks(List.of(ID))),
                call("calculate dependency levels", access -> access.stepDependencies().dependencyLevels(ID)),
                call("read next ready task", access -> access.readyTasks().nextReadyTask()),
                call("list dlq entries", access -> access.dlq().list(DlqFilter.all())),
                call("read dlq dashboard", access -> access.dlqMonitoring().dashboard()),
                call("sweep stale tasks", access -> access.staleTasks().sweep(StalenessThresholds.DEFAULTS, 10)),
                call("read system health counts", access -> access.analytics().systemHealthCounts()),
                call("run transaction", access -> access.transaction(bound -> { })));
    }

    private static Arguments call(String operation, Consumer<TaskerDataAccess> call) {
        return Arguments.of(operation, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aRefusedConnectionIsATaskerDaoExceptionNamingTheOperation(String operation, Consumer<TaskerDataAccess> call) {
        TaskerDataAccess access = down();
        assertThatThrownBy(() -> call.accept(access))
                .isExactlyInstanceOf(TaskerDaoException.class)
                .hasMessageStartingWith(operation)
                .hasMessageContaining("failed")
                .hasMessageContaining("connection refused to 127.0.0.1:1")
                .hasCauseInstanceOf(DataAccessException.class);
    }
}
