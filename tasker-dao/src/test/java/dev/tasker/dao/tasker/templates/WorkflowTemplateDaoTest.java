package dev.tasker.dao.tasker.templates;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.Concurrently;
import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.registry.NamedTask;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.steps.StepEdge;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link WorkflowTemplateDao}: templates registered with their DAG, and tasks created from them. */
class WorkflowTemplateDaoTest extends TaskerDaoTest {

    private UUID namespace;
    private UUID system;

    @BeforeAll
    void arrange() {
        namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null).uuid();
        system = dao.dependentSystems().findOrCreate(TaskerFixtures.unique("sys"), null).uuid();
    }

    private WorkflowTemplate diamond(String name) {
        return WorkflowTemplate.of(namespace, name, "1.0.0", system)
                .step("a", new StepDefaults(false, true, 5)).step("b", "a").step("c", "a")
                .step("d", new StepDefaults(true, false, 1), "b", "c");
    }

    @Test
    void registeringStoresTheDagInTheConfigurationAndTheDefaultsInTheTemplateRows() throws SQLException {
        String name = TaskerFixtures.unique("diamond");
        RegisteredTemplate registered = dao.templates().register(diamond(name).withDescription("four steps"));

        assertThat(registered.namedTask().name()).isEqualTo(name);
        assertThat(registered.namedTask().description()).contains("four steps");
        assertThat(registered.namedSteps()).containsOnlyKeys("a", "b", "c", "d");
        assertThat(value("SELECT configuration -> 'steps' = ?::jsonb FROM tasker_named_tasks"
                + " WHERE named_task_uuid = ?", "[{\"name\": \"a\", \"dependencies\": []},"
                + " {\"name\": \"b\", \"dependencies\": [\"a\"]}, {\"name\": \"c\", \"dependencies\": [\"a\"]},"
                + " {\"name\": \"d\", \"dependencies\": [\"b\", \"c\"]}]", registered.uuid())).isEqualTo(true);
        assertThat(rows("SELECT ns.name, l.skippable, l.default_retryable, l.default_max_attempts"
                + " FROM tasker_named_tasks_named_steps l JOIN tasker_named_steps ns USING (named_step_uuid)"
                + " WHERE l.named_task_uuid = ? AND ns.dependent_system_uuid = ? ORDER BY ns.name",
                registered.uuid(), system)).containsExactly(
                Map.of("name", "a", "skippable", false, "default_retryable", true, "default_max_attempts", 5),
                Map.of("name", "b", "skippable", false, "default_retryable", true, "default_max_attempts", 3),
                Map.of("name", "c", "skippable", false, "default_retryable", true, "default_max_attempts", 3),
                Map.of("name", "d", "skippable", true, "default_retryable", false, "default_max_attempts", 1));
        assertThat(dao.templates().dag(registered.uuid())).contains(registered.dag());
        assertThat(dao.templates().dag(UUID.randomUUID())).isEmpty();
    }

    @Test
    void registeringAgainChangesNothingAndAnotherDagForTheSameVersionIsAConflict() throws SQLException {
        String name = TaskerFixtures.unique("diamond");
        RegisteredTemplate first = dao.templates().register(diamond(name));
        RegisteredTemplate again = dao.templates().register(diamond(name));
        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(again.namedSteps()).isEqualTo(first.namedSteps());
        assertThat(value("SELECT count(*) FROM tasker_named_tasks_named_steps WHERE named_task_uuid = ?",
                first.uuid())).isEqualTo(4L);

        WorkflowTemplate other = WorkflowTemplate.of(namespace, name, "1.0.0", system).step("a").step("b", "a");
        assertThatThrownBy(() -> dao.templates().register(other)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already has other steps").hasMessageContaining("new version");
        assertThat(dao.templates().dag(first.uuid())).contains(first.dag());

        RegisteredTemplate next = dao.templates().register(WorkflowTemplate.of(namespace, name, "2.0.0", system)
                .step("a").step("b", "a"));
        assertThat(next.uuid()).isNotEqualTo(first.uuid());
        assertThat(next.namedSteps()).as("named steps are shared by name").containsEntry("a",
                first.namedSteps().get("a"));
    }

    @Test
    void concurrentRegistrationsOfOneTemplateAgree() throws Exception {
        WorkflowTemplate template = diamond(TaskerFixtures.unique("raced"));
        List<Concurrently.Outcome<RegisteredTemplate>> outcomes = Concurrently.run(
                () -> dao.templates().register(template), () -> dao.templates().register(template),
                () -> dao.templates().register(template));
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(outcomes.stream().map(outcome -> outcome.value().uuid()).distinct()).hasSize(1);
        assertThat(value("SELECT count(*) FROM tasker_named_tasks_named_steps WHERE named_task_uuid = ?",
                outcomes.get(0).value().uuid())).isEqualTo(4L);
    }

    @Test
    void anExistingNamedTaskWithoutStepsKeepsItsOtherConfiguration() throws SQLException {
        String name = TaskerFixtures.unique("adopted");
        NamedTask existing = dao.namedTasks().findOrCreate(NewNamedTask.of(namespace, name, "1.0.0")
                .withConfiguration(JSONB.valueOf("{\"lifecycle\": {\"max_steps_in_process_minutes\": 7}}")));
        RegisteredTemplate registered = dao.templates().register(WorkflowTemplate.of(namespace, name, "1.0.0",
                system).step("only"));
        assertThat(registered.uuid()).isEqualTo(existing.uuid());
        assertThat(row("SELECT configuration #>> '{lifecycle,max_steps_in_process_minutes}' AS limit_minutes,"
                + " jsonb_array_length(configuration -> 'steps') AS steps FROM tasker_named_tasks"
                + " WHERE named_task_uuid = ?", existing.uuid())).containsEntry("limit_minutes", "7")
                .containsEntry("steps", 1);
    }

    @Test
    void invalidDagsAreRefusedBeforeAnythingIsWritten() throws SQLException {
        String name = TaskerFixtures.unique("bad");
        UUID freshSystem = dao.dependentSystems().findOrCreate(TaskerFixtures.unique("sys"), null).uuid();
        WorkflowTemplate base = WorkflowTemplate.of(namespace, name, "1.0.0", freshSystem);
        assertInvalid(() -> dao.templates().register(base.step("a").step("a")), "steps");
        assertThatThrownBy(() -> dao.templates().register(base.step("a").step("a")))
                .hasMessageContaining("duplicate step name 'a'");
        assertThatThrownBy(() -> dao.templates().register(base.step("a").step("b", "x")))
                .hasMessageContaining("step 'b' depends on unknown step 'x'").hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> dao.templates().register(base.step("a", "c").step("b", "a").step("c", "b")))
                .hasMessageContaining("cycle: a -> b -> c -> a");
        assertThatThrownBy(() -> dao.templates().register(base.step("a", "a")))
                .hasMessageContaining("cycle: a -> a");
        assertThatThrownBy(() -> dao.templates().register(base.step("a").step("b", "a", "a")))
                .hasMessageContaining("step 'b' lists dependency 'a' twice");
        assertInvalid(() -> dao.templates().register(base.step(" ")), "step name");
        assertThat(value("SELECT count(*) FROM tasker_named_tasks WHERE name = ?", name)).isEqualTo(0L);
        assertThat(value("SELECT count(*) FROM tasker_named_steps WHERE dependent_system_uuid = ?"
                + " AND name IN ('a', 'b', 'c', 'x')", freshSystem)).isEqualTo(0L);

        assertThatThrownBy(() -> dao.templates().register(WorkflowTemplate.of(UUID.randomUUID(), name, "1.0.0",
                system).step("a"))).isInstanceOf(NotFoundException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> dao.templates().register(WorkflowTemplate.of(namespace, name, "1.0.0",
                UUID.randomUUID()).step("a"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("dependent system");
        assertThat(value("SELECT count(*) FROM tasker_named_tasks WHERE name = ?", name)).isEqualTo(0L);
    }

    @Test
    void aTaskFromATemplateGetsItsStepsAndEdgesInOneRoundTripPerTable() throws SQLException {
        RegisteredTemplate template = dao.templates().register(diamond(TaskerFixtures.unique("diamond")));
        StatementCounter counter = new StatementCounter(dataSource);

        TemplateTask task = TaskerDataAccess.using(counter.dsl()).templates().createTask(
                NewTask.of(template.uuid(), UUID.randomUUID(), "order-1"));

        assertThat(counter.count()).as("read the template, insert task, steps, edges").isEqualTo(4);
        assertThat(task.steps()).containsOnlyKeys("a", "b", "c", "d");
        assertThat(List.copyOf(task.steps().keySet())).containsExactly("a", "b", "c", "d");
        assertThat(task.edges()).extracting(StepEdge::fromStep, StepEdge::toStep).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(task.step("a"), task.step("b")),
                org.assertj.core.groups.Tuple.tuple(task.step("a"), task.step("c")),
                org.assertj.core.groups.Tuple.tuple(task.step("b"), task.step("d")),
                org.assertj.core.groups.Tuple.tuple(task.step("c"), task.step("d")));
        assertThat(rows("SELECT ns.name, s.retryable, s.max_attempts, s.skippable FROM tasker_workflow_steps s"
                + " JOIN tasker_named_steps ns USING (named_step_uuid) WHERE s.task_uuid = ? ORDER BY ns.name",
                task.uuid())).containsExactly(
                Map.of("name", "a", "retryable", true, "max_attempts", 5, "skippable", false),
                Map.of("name", "b", "retryable", true, "max_attempts", 3, "skippable", false),
                Map.of("name", "c", "retryable", true, "max_attempts", 3, "skippable", false),
                Map.of("name", "d", "retryable", false, "max_attempts", 1, "skippable", true));
        assertThat(value("SELECT count(*) FROM tasker_workflow_step_edges e JOIN tasker_workflow_steps s"
                + " ON s.workflow_step_uuid = e.to_step_uuid WHERE s.task_uuid = ?", task.uuid())).isEqualTo(4L);
        assertThat(task.nameOf(task.step("d"))).isEqualTo("d");
        assertInvalid(() -> task.step("e"), "name");
        assertThat(dao.stepDependencies().dependencyLevels(task.uuid()))
                .isEqualTo(Map.of(task.step("a"), 0, task.step("b"), 1, task.step("c"), 1, task.step("d"), 2));
    }

    @Test
    void aTemplateWithoutStepsGivesATaskWithoutSteps() {
        NamedTask bare = dao.namedTasks().findOrCreate(NewNamedTask.of(namespace, TaskerFixtures.unique("bare"),
                "1.0.0"));
        StatementCounter counter = new StatementCounter(dataSource);
        TemplateTask task = TaskerDataAccess.using(counter.dsl()).templates().createTask(
                NewTask.of(bare.uuid(), UUID.randomUUID(), "bare"));
        assertThat(counter.count()).isEqualTo(2);
        assertThat(task.steps()).isEmpty();
        assertThat(task.edges()).isEmpty();
        assertThat(dao.steps().listForTask(task.uuid())).isEmpty();
    }

    @Test
    void aBrokenOrMissingTemplateCreatesNothing() throws SQLException {
        long tasksBefore = (Long) value("SELECT count(*) FROM tasker_tasks");
        assertThatThrownBy(() -> dao.templates().createTask(NewTask.of(UUID.randomUUID(), UUID.randomUUID(), "x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("named task");

        RegisteredTemplate template = dao.templates().register(diamond(TaskerFixtures.unique("edited")));
        dao.namedTasks().updateConfiguration(template.uuid(), JSONB.valueOf("{\"steps\": ["
                + "{\"name\": \"a\", \"dependencies\": [\"d\"]}, {\"name\": \"b\", \"dependencies\": [\"a\"]},"
                + " {\"name\": \"c\", \"dependencies\": [\"a\"]}, {\"name\": \"d\", \"dependencies\": [\"b\"]}]}"));
        assertThatThrownBy(() -> dao.templates().createTask(NewTask.of(template.uuid(), UUID.randomUUID(), "x")))
                .hasMessageContaining("cycle");
        dao.namedTasks().updateConfiguration(template.uuid(), JSONB.valueOf(
                "{\"steps\": [{\"name\": \"zz\", \"dependencies\": []}]}"));
        assertThatThrownBy(() -> dao.templates().createTask(NewTask.of(template.uuid(), UUID.randomUUID(), "x")))
                .hasMessageContaining("step 'zz' of configuration.steps is not a step of its template");
        assertThat(value("SELECT count(*) FROM tasker_tasks")).isEqualTo(tasksBefore);
    }
}
