package dev.tasker.dao.tasker;

import dev.tasker.dao.tasker.analytics.AnalyticsDao;
import dev.tasker.dao.tasker.dlq.DlqDao;
import dev.tasker.dao.tasker.dlq.DlqMonitoringDao;
import dev.tasker.dao.tasker.dlq.StaleTaskDao;
import dev.tasker.dao.tasker.lifecycle.StepLifecycle;
import dev.tasker.dao.tasker.lifecycle.TaskLifecycle;
import dev.tasker.dao.tasker.readiness.ReadyTaskDao;
import dev.tasker.dao.tasker.readiness.StepDependencyDao;
import dev.tasker.dao.tasker.readiness.StepReadinessDao;
import dev.tasker.dao.tasker.readiness.TaskExecutionContextDao;
import dev.tasker.dao.tasker.registry.AnnotationTypeDao;
import dev.tasker.dao.tasker.registry.DependentSystemDao;
import dev.tasker.dao.tasker.registry.NamedStepDao;
import dev.tasker.dao.tasker.registry.NamedTaskDao;
import dev.tasker.dao.tasker.registry.ObjectMapDao;
import dev.tasker.dao.tasker.registry.TaskAnnotationDao;
import dev.tasker.dao.tasker.registry.TaskNamespaceDao;
import dev.tasker.dao.tasker.registry.TaskTemplateDao;
import dev.tasker.dao.tasker.steps.StepDagDao;
import dev.tasker.dao.tasker.steps.StepEdgeDao;
import dev.tasker.dao.tasker.steps.WorkflowStepDao;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.dao.tasker.tasks.TaskDao;
import dev.tasker.dao.tasker.templates.WorkflowTemplateDao;
import dev.tasker.dao.tasker.transitions.StepTransitionDao;
import dev.tasker.dao.tasker.transitions.TaskTransitionDao;
import java.sql.Connection;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Entry point to the tasker DAOs. Built on a jOOQ {@link DSLContext}; every DAO it hands out runs its statements
 * through that context:
 *
 * <ul>
 *   <li>{@link #using(Connection)}, {@link #using(DSLContext)}, {@link #using(Configuration)}: the caller's
 *       connection or transaction; operations join the caller's transaction and never commit it.</li>
 *   <li>{@link #using(DataSource)}: each operation takes a connection of its own and commits on its own;
 *       {@link #transaction(Consumer)} and {@link #transactionResult(Function)} group several operations into one
 *       transaction.</li>
 * </ul>
 *
 * <p>Operations of several statements (a transition with its side effects, a batch of steps) are all-or-nothing in
 * both cases: on the caller's transaction they run under a savepoint (see {@link Atomic}).
 */
public final class TaskerDataAccess {

    private final DSLContext ctx;

    private TaskerDataAccess(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** DAOs on the caller's jOOQ context (its connection provider and settings). */
    public static TaskerDataAccess using(DSLContext ctx) {
        return new TaskerDataAccess(Arguments.required("ctx", ctx));
    }

    /** DAOs on the caller's jOOQ configuration. */
    public static TaskerDataAccess using(Configuration configuration) {
        return using(Arguments.required("configuration", configuration).dsl());
    }

    /** DAOs on the caller's JDBC connection: they run inside whatever transaction the caller has open on it. */
    public static TaskerDataAccess using(Connection connection) {
        return using(DSL.using(Arguments.required("connection", connection), SQLDialect.POSTGRES));
    }

    /** DAOs on a pool: each operation borrows a connection and commits on its own. */
    public static TaskerDataAccess using(DataSource dataSource) {
        return using(DSL.using(Arguments.required("dataSource", dataSource), SQLDialect.POSTGRES));
    }

    /** The jOOQ context every DAO of this instance uses. */
    public DSLContext dsl() {
        return ctx;
    }

    /**
     * Runs {@code work} with DAOs bound to one connection in one transaction (a savepoint if the context is already
     * inside the caller's transaction): committed when {@code work} returns, rolled back when it throws. A
     * failure to get the connection, commit or roll back is a {@link TaskerDaoException}.
     */
    public <T> T transactionResult(Function<TaskerDataAccess, T> work) {
        Arguments.required("work", work);
        return DaoErrors.call("run transaction",
                () -> Atomic.run(ctx, bound -> work.apply(new TaskerDataAccess(bound))));
    }

    /** {@link #transactionResult(Function)} for work without a result. */
    public void transaction(Consumer<TaskerDataAccess> work) {
        Arguments.required("work", work);
        transactionResult(bound -> {
            work.accept(bound);
            return null;
        });
    }

    /** Task namespaces. */
    public TaskNamespaceDao namespaces() {
        return new TaskNamespaceDao(ctx);
    }

    /** Dependent systems. */
    public DependentSystemDao dependentSystems() {
        return new DependentSystemDao(ctx);
    }

    /** Named tasks (task templates by namespace, name and version). */
    public NamedTaskDao namedTasks() {
        return new NamedTaskDao(ctx);
    }

    /** Named steps (step definitions by dependent system and name). */
    public NamedStepDao namedSteps() {
        return new NamedStepDao(ctx);
    }

    /** The named-task to named-step template links with their step defaults. */
    public TaskTemplateDao taskTemplates() {
        return new TaskTemplateDao(ctx);
    }

    /**
     * Task templates with their step DAG: register a named task with its steps and dependencies in one call, create a
     * task with its steps and edges from it in one transaction.
     */
    public WorkflowTemplateDao templates() {
        return new WorkflowTemplateDao(ctx);
    }

    /** Dependent-system object maps. */
    public ObjectMapDao objectMaps() {
        return new ObjectMapDao(ctx);
    }

    /** Annotation types. */
    public AnnotationTypeDao annotationTypes() {
        return new AnnotationTypeDao(ctx);
    }

    /** Task annotations. */
    public TaskAnnotationDao taskAnnotations() {
        return new TaskAnnotationDao(ctx);
    }

    /** Tasks. */
    public TaskDao tasks() {
        return new TaskDao(ctx);
    }

    /** Workflow steps. */
    public WorkflowStepDao steps() {
        return new WorkflowStepDao(ctx);
    }

    /** The {@code provides} edges between workflow steps, with the cycle check. */
    public StepEdgeDao edges() {
        return new StepEdgeDao(ctx);
    }

    /** DAG queries over {@code tasker_step_dag_relationships}. */
    public StepDagDao dag() {
        return new StepDagDao(ctx);
    }

    /** Task transitions: state-machine-checked moves with side effects, history, current state, pruning. */
    public TaskTransitionDao taskTransitions() {
        return new TaskTransitionDao(ctx);
    }

    /** Workflow-step transitions: state-machine-checked moves with guards and side effects, history, pruning. */
    public StepTransitionDao stepTransitions() {
        return new StepTransitionDao(ctx);
    }

    /**
     * The task lifecycle as one call: {@link TaskLifecycle#advance} applies what the task's execution context calls
     * for (start, enqueue ready steps and return them, wait, retry, finalize, error), atomically and race-safe.
     */
    public TaskLifecycle taskLifecycle() {
        return new TaskLifecycle(ctx);
    }

    /** The step lifecycle of a worker: claim, complete, fail with the schema's retry and backoff rules. */
    public StepLifecycle stepLifecycle() {
        return new StepLifecycle(ctx);
    }

    /** Step readiness: single task, filtered, batch. */
    public StepReadinessDao stepReadiness() {
        return new StepReadinessDao(ctx);
    }

    /** Task execution contexts: single and batch. */
    public TaskExecutionContextDao executionContexts() {
        return new TaskExecutionContextDao(ctx);
    }

    /** Dependency levels and transitive dependencies of the step DAG. */
    public StepDependencyDao stepDependencies() {
        return new StepDependencyDao(ctx);
    }

    /** Tasks ready to be claimed. */
    public ReadyTaskDao readyTasks() {
        return new ReadyTaskDao(ctx);
    }

    /** Dead-letter queue entries. */
    public DlqDao dlq() {
        return new DlqDao(ctx);
    }

    /** The DLQ investigation queue, dashboard and staleness views. */
    public DlqMonitoringDao dlqMonitoring() {
        return new DlqMonitoringDao(ctx);
    }

    /** Stale-task detection: thresholds, stale tasks, dry run and sweep. */
    public StaleTaskDao staleTasks() {
        return new StaleTaskDao(ctx);
    }

    /** System health counts, analytics metrics, slowest steps and tasks. */
    public AnalyticsDao analytics() {
        return new AnalyticsDao(ctx);
    }
}
