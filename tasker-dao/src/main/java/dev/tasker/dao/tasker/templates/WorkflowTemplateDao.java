package dev.tasker.dao.tasker.templates;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_TASKS_NAMED_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_EDGES;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.registry.NamedTask;
import dev.tasker.dao.tasker.registry.NamedTaskDao;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.steps.NewStep;
import dev.tasker.dao.tasker.steps.StepEdge;
import dev.tasker.dao.tasker.steps.StepEdgeDao;
import dev.tasker.dao.tasker.steps.WorkflowStep;
import dev.tasker.dao.tasker.steps.WorkflowStepDao;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.Lengths;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.tasks.Task;
import dev.tasker.dao.tasker.tasks.TaskDao;
import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepEdgesRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep5;
import org.jooq.InsertValuesStep7;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Task templates with their step DAG. {@link #register} stores a named task with its steps and their dependencies
 * in one call; {@link #createTask} creates a task of it with its workflow steps and edges in one transaction. The
 * dependencies live where upstream keeps them, in the named task's {@code configuration} under {@code "steps"}
 * ({@code [{"name": "b", "dependencies": ["a"]}, …]}); the step defaults live in
 * {@code tasker_named_tasks_named_steps}. Runs on the given context, inside the caller's transaction if any.
 */
public final class WorkflowTemplateDao {

    private static final int NAME_LENGTH = 64;
    private static final int VERSION_LENGTH = 16;
    private static final int DESCRIPTION_LENGTH = 255;
    private static final Reference NAMESPACE = new Reference("tasker_named_tasks_task_namespace_uuid_fkey",
            "namespace");
    private static final Reference SYSTEM = new Reference("tasker_named_steps_dependent_system_uuid_fkey",
            "dependent system");
    private static final Reference NAMED_TASK = new Reference("tasker_tasks_named_task_uuid_fkey", "named task");

    /** One row per template step, in order; a single row of nulls for a template without steps. */
    private static final String TEMPLATE_STEPS = """
            SELECT s.ordinality, s.step ->> 'name' AS name,
                   ARRAY(SELECT jsonb_array_elements_text(s.step -> 'dependencies')) AS dependencies,
                   l.named_step_uuid, l.skippable, l.default_retryable, l.default_max_attempts
            FROM tasker_named_tasks nt
            LEFT JOIN LATERAL jsonb_array_elements(coalesce(nt.configuration -> 'steps', '[]'::jsonb))
                WITH ORDINALITY AS s(step, ordinality) ON true
            LEFT JOIN tasker_named_tasks_named_steps l ON l.named_task_uuid = nt.named_task_uuid
                AND l.named_step_uuid IN (SELECT ns.named_step_uuid FROM tasker_named_steps ns
                                          WHERE ns.name = s.step ->> 'name')
            WHERE nt.named_task_uuid = ?
            ORDER BY s.ordinality, l.named_step_uuid""";

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public WorkflowTemplateDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Registers {@code template} in one transaction: the named task (created if it does not exist) with the steps and
     * their dependencies in its configuration, a named step per step (found or created in the template's dependent
     * system) and the template rows with each step's defaults. The DAG is validated first
     * ({@link InvalidArgumentException} for a duplicate step name, a dependency on an unknown step or a cycle);
     * nothing is written when it is refused. Registering the same template again changes nothing and returns it;
     * a named task whose configuration already holds different steps is a {@link ConflictException} (a version's DAG
     * does not change: register a new version). {@link NotFoundException} if the namespace or the dependent system
     * does not exist.
     */
    public RegisteredTemplate register(WorkflowTemplate template) {
        Arguments.required("template", template);
        TemplateDag dag = template.dag();
        Lengths.requiredAtMost("name", template.name(), NAME_LENGTH);
        Lengths.requiredAtMost("version", template.version(), VERSION_LENGTH);
        Lengths.atMost("description", template.description(), DESCRIPTION_LENGTH);
        return ForeignKeys.call("register template " + template.name() + " " + template.version(),
                () -> Atomic.run(ctx, bound -> {
                    NamedTask named = namedTaskWithSteps(bound, template, dag);
                    Map<String, UUID> namedSteps = namedSteps(bound, template.dependentSystemUuid(), dag);
                    link(bound, named.uuid(), dag, namedSteps);
                    return new RegisteredTemplate(named, dag, namedSteps);
                }), NAMESPACE, SYSTEM);
    }

    /**
     * The step DAG stored in named task {@code namedTaskUuid}'s configuration (no steps: an empty DAG), in one query;
     * empty if there is no such named task.
     */
    public Optional<TemplateDag> dag(UUID namedTaskUuid) {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        return ForeignKeys.call("read template of named task " + namedTaskUuid,
                () -> templateSteps(ctx, namedTaskUuid).map(steps -> new TemplateDag(steps.stream()
                        .map(TemplateRow::spec).toList())));
    }

    /**
     * Creates {@code task} (its named task is the template) with one workflow step per template step (retryable,
     * max attempts and skippable from the template's defaults) and one {@code provides} edge per dependency, all or
     * nothing, in one round trip per table: the template is read in one query, then the task, the steps and the
     * edges are inserted with one statement each. Returns the task with its step name → workflow step uuid map.
     * {@link NotFoundException} if the named task does not exist; {@link InvalidArgumentException} if its
     * configuration's steps are invalid (see {@link TemplateDag}) or name a step that is not part of its template.
     */
    public TemplateTask createTask(NewTask task) {
        Arguments.required("task", task);
        Arguments.required("namedTaskUuid", task.namedTaskUuid());
        UUID namedTask = task.namedTaskUuid();
        return ForeignKeys.call("create task from template " + namedTask, () -> Atomic.run(ctx, bound -> {
            List<TemplateRow> rows = templateSteps(bound, namedTask)
                    .orElseThrow(() -> new NotFoundException("named task", namedTask));
            TemplateDag dag = new TemplateDag(rows.stream().map(TemplateRow::spec).toList());
            Task created = new TaskDao(bound).create(task);
            Map<String, UUID> steps = createSteps(bound, created.uuid(), rows);
            List<StepEdge> edges = createEdges(bound, dag, steps);
            return new TemplateTask(created, steps, edges);
        }), NAMED_TASK);
    }

    private static NamedTask namedTaskWithSteps(DSLContext bound, WorkflowTemplate template, TemplateDag dag) {
        JSONB steps = dag.stepsJson();
        NamedTask named = new NamedTaskDao(bound).findOrCreate(
                NewNamedTask.of(template.namespaceUuid(), template.name(), template.version())
                        .withDescription(template.description())
                        .withConfiguration(JSONB.valueOf("{\"" + TemplateDag.STEPS_KEY + "\": " + steps.data() + "}")));
        var t = TASKER_NAMED_TASKS;
        Record stored = bound.select(
                        DSL.field("({0} -> {1}) IS NOT NULL", SQLDataType.BOOLEAN, t.CONFIGURATION,
                                DSL.inline(TemplateDag.STEPS_KEY)),
                        DSL.field("({0} -> {1}) = {2}", SQLDataType.BOOLEAN, t.CONFIGURATION,
                                DSL.inline(TemplateDag.STEPS_KEY), DSL.val(steps, SQLDataType.JSONB)))
                .from(t).where(t.NAMED_TASK_UUID.eq(named.uuid())).forUpdate().fetchSingle();
        if (Boolean.TRUE.equals(stored.get(1, Boolean.class))) {
            return named;
        }
        if (Boolean.TRUE.equals(stored.get(0, Boolean.class))) {
            throw new ConflictException("named task", named.uuid(), "named task " + template.name() + " "
                    + template.version() + " already has other steps in its configuration; a version's DAG does not"
                    + " change: register the new DAG under a new version");
        }
        bound.update(t)
                .set(t.CONFIGURATION, DSL.field("coalesce({0}, '{}'::jsonb) || jsonb_build_object({1}, {2})",
                        SQLDataType.JSONB, t.CONFIGURATION, DSL.inline(TemplateDag.STEPS_KEY),
                        DSL.val(steps, SQLDataType.JSONB)))
                .set(t.UPDATED_AT, DSL.currentLocalDateTime())
                .where(t.NAMED_TASK_UUID.eq(named.uuid()))
                .execute();
        return new NamedTaskDao(bound).get(named.uuid()).orElseThrow();
    }

    private static Map<String, UUID> namedSteps(DSLContext bound, UUID system, TemplateDag dag) {
        var n = TASKER_NAMED_STEPS;
        if (dag.steps().isEmpty()) {
            return Map.of();
        }
        InsertValuesStep4<?, UUID, String, LocalDateTime, LocalDateTime> insert = bound.insertInto(n,
                n.DEPENDENT_SYSTEM_UUID, n.NAME, n.CREATED_AT, n.UPDATED_AT);
        for (String name : dag.names()) {
            insert = insert.values(DSL.val(system, n.DEPENDENT_SYSTEM_UUID), DSL.val(name, n.NAME),
                    DSL.currentLocalDateTime(), DSL.currentLocalDateTime());
        }
        insert.onConflict(n.DEPENDENT_SYSTEM_UUID, n.NAME).doNothing().execute();
        Map<String, UUID> found = bound.select(n.NAME, n.NAMED_STEP_UUID).from(n)
                .where(n.DEPENDENT_SYSTEM_UUID.eq(system), n.NAME.in(dag.names()))
                .fetchMap(n.NAME, n.NAMED_STEP_UUID);
        Map<String, UUID> inOrder = new LinkedHashMap<>();
        dag.names().forEach(name -> inOrder.put(name, found.get(name)));
        return inOrder;
    }

    private static void link(DSLContext bound, UUID namedTask, TemplateDag dag, Map<String, UUID> namedSteps) {
        if (dag.steps().isEmpty()) {
            return;
        }
        var l = TASKER_NAMED_TASKS_NAMED_STEPS;
        InsertValuesStep7<?, UUID, UUID, Boolean, Boolean, Integer, LocalDateTime, LocalDateTime> insert =
                bound.insertInto(l, l.NAMED_TASK_UUID, l.NAMED_STEP_UUID, l.SKIPPABLE, l.DEFAULT_RETRYABLE,
                        l.DEFAULT_MAX_ATTEMPTS, l.CREATED_AT, l.UPDATED_AT);
        for (StepSpec step : dag.steps()) {
            StepDefaults defaults = step.defaults();
            insert = insert.values(DSL.val(namedTask, l.NAMED_TASK_UUID),
                    DSL.val(namedSteps.get(step.name()), l.NAMED_STEP_UUID), DSL.val(defaults.skippable(), l.SKIPPABLE),
                    DSL.val(defaults.retryable(), l.DEFAULT_RETRYABLE),
                    DSL.val(defaults.maxAttempts(), l.DEFAULT_MAX_ATTEMPTS), DSL.currentLocalDateTime(),
                    DSL.currentLocalDateTime());
        }
        insert.onConflict(l.NAMED_TASK_UUID, l.NAMED_STEP_UUID).doNothing().execute();
    }

    /** The template's steps, in order; empty if the named task does not exist. */
    private static Optional<List<TemplateRow>> templateSteps(DSLContext bound, UUID namedTask) {
        Result<Record> result = bound.resultQuery(TEMPLATE_STEPS, namedTask).fetch();
        if (result.isEmpty()) {
            return Optional.empty();
        }
        List<TemplateRow> rows = new ArrayList<>();
        for (Record row : result) {
            String name = row.get("name", String.class);
            if (name == null) {
                if (row.get("ordinality") != null) {
                    throw new InvalidArgumentException("configuration", "named task " + namedTask
                            + ": a step in configuration.steps has no \"name\"");
                }
                continue;
            }
            if (!rows.isEmpty() && rows.getLast().spec().name().equals(name)
                    && row.get("ordinality", Long.class) == rows.getLast().ordinality()) {
                throw new InvalidArgumentException("configuration", "named task " + namedTask + ": step '" + name
                        + "' matches more than one named step of its template");
            }
            UUID namedStep = row.get("named_step_uuid", UUID.class);
            if (namedStep == null) {
                throw new InvalidArgumentException("configuration", "named task " + namedTask + ": step '" + name
                        + "' of configuration.steps is not a step of its template (tasker_named_tasks_named_steps);"
                        + " register the template with WorkflowTemplateDao.register");
            }
            String[] dependencies = row.get("dependencies", String[].class);
            StepDefaults defaults = new StepDefaults(row.get("skippable", Boolean.class),
                    row.get("default_retryable", Boolean.class), row.get("default_max_attempts", Integer.class));
            rows.add(new TemplateRow(row.get("ordinality", Long.class),
                    new StepSpec(name, Arrays.asList(dependencies), defaults), namedStep));
        }
        return Optional.of(rows);
    }

    private static Map<String, UUID> createSteps(DSLContext bound, UUID task, List<TemplateRow> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<WorkflowStep> created = new WorkflowStepDao(bound).createSteps(task, rows.stream()
                .map(row -> NewStep.of(row.namedStep())
                        .withRetry(row.spec().defaults().retryable(), row.spec().defaults().maxAttempts())
                        .withSkippable(row.spec().defaults().skippable()))
                .toList());
        Map<UUID, UUID> stepOfNamedStep = new LinkedHashMap<>();
        created.forEach(step -> stepOfNamedStep.put(step.namedStepUuid(), step.uuid()));
        Map<String, UUID> steps = new LinkedHashMap<>();
        rows.forEach(row -> steps.put(row.spec().name(), stepOfNamedStep.get(row.namedStep())));
        return steps;
    }

    /** One multi-row insert of the edges of a brand-new task; its DAG was validated, so no cycle check is needed. */
    private static List<StepEdge> createEdges(DSLContext bound, TemplateDag dag, Map<String, UUID> steps) {
        List<Map.Entry<String, String>> edges = dag.edges();
        if (edges.isEmpty()) {
            return List.of();
        }
        var e = TASKER_WORKFLOW_STEP_EDGES;
        InsertValuesStep5<TaskerWorkflowStepEdgesRecord, UUID, UUID, String, LocalDateTime, LocalDateTime> insert =
                bound.insertInto(e, e.FROM_STEP_UUID, e.TO_STEP_UUID, e.NAME, e.CREATED_AT, e.UPDATED_AT);
        for (Map.Entry<String, String> edge : edges) {
            insert = insert.values(DSL.val(steps.get(edge.getKey()), e.FROM_STEP_UUID),
                    DSL.val(steps.get(edge.getValue()), e.TO_STEP_UUID), DSL.val(StepEdgeDao.PROVIDES, e.NAME),
                    DSL.currentLocalDateTime(), DSL.currentLocalDateTime());
        }
        return insert.returning().fetch(row -> new StepEdge(row.getWorkflowStepEdgeUuid(), row.getFromStepUuid(),
                row.getToStepUuid(), row.getName(), row.getCreatedAt(), row.getUpdatedAt()));
    }

    /** A template step as read: its position, spec (with the template's defaults) and named step. */
    private record TemplateRow(long ordinality, StepSpec spec, UUID namedStep) {
    }
}
