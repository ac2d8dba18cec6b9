package dev.tasker.dao.tasker.registry;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.Concurrently;
import dev.tasker.dao.tasker.Concurrently.Outcome;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

/** {@link TaskTemplateDao}, {@link ObjectMapDao} and {@link TaskAnnotationDao} against the real schema. */
class TemplateObjectMapAnnotationDaoTest extends TaskerDaoTest {

    @Test
    void linkingStepsIntoATemplateStoresTheirDefaultsOnce() throws SQLException {
        UUID namedTask = namedTask();
        UUID system = fixtures.dependentSystem(TaskerFixtures.unique("sys"));
        UUID first = fixtures.namedStep(system, "first_" + TaskerFixtures.unique("s"));
        UUID second = fixtures.namedStep(system, "second_" + TaskerFixtures.unique("s"));

        TemplateStep linked = dao.taskTemplates().link(namedTask, first, new StepDefaults(true, false, 7));
        TemplateStep again = dao.taskTemplates().link(namedTask, first, StepDefaults.DEFAULTS);
        dao.taskTemplates().link(namedTask, second, StepDefaults.DEFAULTS);

        assertThat(again).isEqualTo(linked);
        assertThat(linked.defaults()).isEqualTo(new StepDefaults(true, false, 7));
        assertThat(linked.stepName()).startsWith("first_");
        Map<String, Object> row = row("SELECT count(*) AS n, bool_and(skippable) AS skippable,"
                + " bool_and(default_retryable) AS retryable, max(default_max_attempts) AS attempts"
                + " FROM tasker_named_tasks_named_steps WHERE named_task_uuid = ? AND named_step_uuid = ?",
                namedTask, first);
        assertThat(row).containsEntry("n", 1L).containsEntry("skippable", true).containsEntry("retryable", false)
                .containsEntry("attempts", 7);

        StatementCounter counter = new StatementCounter(dataSource);
        List<TemplateStep> steps = new TaskTemplateDao(counter.dsl()).steps(namedTask);
        assertThat(counter.take()).isEqualTo(1);
        assertThat(steps).extracting(TemplateStep::namedStepUuid).containsExactly(first, second);
        assertThat(steps.get(1).defaults()).isEqualTo(StepDefaults.DEFAULTS);
    }

    @Test
    void templateDefaultsUpdateAndUnlink() {
        UUID namedTask = namedTask();
        UUID step = namedStep();
        dao.taskTemplates().link(namedTask, step, StepDefaults.DEFAULTS);

        TemplateStep updated = dao.taskTemplates().updateDefaults(namedTask, step, new StepDefaults(true, true, 1));
        assertThat(updated.defaults()).isEqualTo(new StepDefaults(true, true, 1));
        assertThat(dao.taskTemplates().find(namedTask, step)).contains(updated);
        assertThat(dao.taskTemplates().unlink(namedTask, step)).isTrue();
        assertThat(dao.taskTemplates().unlink(namedTask, step)).isFalse();
        assertThat(dao.taskTemplates().steps(namedTask)).isEmpty();
        assertThatThrownBy(() -> dao.taskTemplates().updateDefaults(namedTask, step, StepDefaults.DEFAULTS))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void linkingAMissingNamedStepIsNotFoundAndBadDefaultsAreNamed() {
        UUID namedTask = namedTask();
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.taskTemplates().link(namedTask, missing, StepDefaults.DEFAULTS))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("named step");
                    assertThat(e.id()).isEqualTo(missing);
                });
        assertThatThrownBy(() -> new StepDefaults(false, true, -1))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("maxAttempts");
    }

    @Test
    void objectMapFindOrCreateIsSerializedWhenCallersRace() throws Exception {
        UUID one = fixtures.dependentSystem(TaskerFixtures.unique("one"));
        UUID two = fixtures.dependentSystem(TaskerFixtures.unique("two"));
        for (int round = 0; round < 5; round++) {
            String remote = TaskerFixtures.unique("remote");
            List<Outcome<ObjectMap>> outcomes = Concurrently.run(
                    () -> dao.objectMaps().findOrCreate(one, remote, two, "r2"),
                    () -> dao.objectMaps().findOrCreate(one, remote, two, "r2"));

            assertThat(outcomes).allMatch(Outcome::succeeded);
            assertThat(outcomes.get(0).value().id()).isEqualTo(outcomes.get(1).value().id());
            assertThat(value("SELECT count(*) FROM tasker_dependent_system_object_maps WHERE remote_id_one = ?",
                    remote)).isEqualTo(1L);
        }
    }

    @Test
    void objectMapLookupsAndDelete() throws SQLException {
        UUID one = fixtures.dependentSystem(TaskerFixtures.unique("one"));
        UUID two = fixtures.dependentSystem(TaskerFixtures.unique("two"));
        ObjectMap forward = dao.objectMaps().findOrCreate(one, "a", two, "b");
        ObjectMap backward = dao.objectMaps().findOrCreate(two, "c", one, "d");

        assertThat(dao.objectMaps().get(forward.id())).contains(forward);
        assertThat(dao.objectMaps().find(one, "a", two, "b")).contains(forward);
        assertThat(dao.objectMaps().find(one, "a", two, "x")).isEmpty();
        assertThat(dao.objectMaps().listForSystem(one)).containsExactly(forward, backward);
        assertThat(dao.objectMaps().delete(forward.id())).isTrue();
        assertThat(dao.objectMaps().delete(forward.id())).isFalse();
        assertThat(value("SELECT count(*) FROM tasker_dependent_system_object_maps WHERE dependent_system_one_uuid = ?",
                one)).isEqualTo(0L);

        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.objectMaps().findOrCreate(one, "a", missing, "b"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(missing));
        assertThatThrownBy(() -> dao.objectMaps().findOrCreate(one, "", two, "b"))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("remoteIdOne");
    }

    @Test
    void taskAnnotationsAddListUpdateAndDelete() throws SQLException {
        UUID task = fixtures.task(namedTask(), 0);
        AnnotationType audit = dao.annotationTypes().findOrCreate(TaskerFixtures.unique("audit"), null);
        AnnotationType other = dao.annotationTypes().findOrCreate(TaskerFixtures.unique("other"), null);

        TaskAnnotation first = dao.taskAnnotations().add(task, audit.id(), JSONB.valueOf("{\"by\": \"me\"}"));
        TaskAnnotation second = dao.taskAnnotations().add(task, other.id(), null);

        assertThat(value("SELECT annotation->>'by' FROM tasker_task_annotations WHERE task_annotation_id = ?",
                first.id())).isEqualTo("me");
        assertThat(dao.taskAnnotations().get(first.id())).contains(first);
        assertThat(dao.taskAnnotations().listForTask(task)).containsExactly(first, second);
        assertThat(dao.taskAnnotations().listForTask(task, audit.name())).containsExactly(first);

        TaskAnnotation updated = dao.taskAnnotations().update(second.id(), JSONB.valueOf("[1]"));
        assertThat(updated.annotation()).isPresent();
        assertThat(dao.taskAnnotations().delete(first.id())).isTrue();
        assertThat(dao.taskAnnotations().delete(first.id())).isFalse();
        assertThat(dao.taskAnnotations().listForTask(task)).containsExactly(updated);
        assertThatThrownBy(() -> dao.taskAnnotations().update(first.id(), null)).isInstanceOf(NotFoundException.class);

        UUID missingTask = UUID.randomUUID();
        assertThatThrownBy(() -> dao.taskAnnotations().add(missingTask, audit.id(), null))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("task");
                    assertThat(e.id()).isEqualTo(missingTask);
                });
        assertThatThrownBy(() -> dao.taskAnnotations().add(task, Integer.MAX_VALUE, null))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("annotation type");
                    assertThat(e.id()).isEqualTo(Integer.toString(Integer.MAX_VALUE));
                });
        assertThat(value("SELECT count(*) FROM tasker_task_annotations WHERE task_uuid = ?", task)).isEqualTo(1L);
    }

    @Test
    void negativeIdsAndBlankNamesAreRefusedBeforeAnySql() {
        UUID task = UUID.randomUUID();
        assertInvalid(() -> dao.taskAnnotations().add(task, -1, null), "annotationTypeId");
        assertInvalid(() -> dao.taskAnnotations().get(-1), "id");
        assertInvalid(() -> dao.taskAnnotations().update(-1, null), "id");
        assertInvalid(() -> dao.taskAnnotations().delete(-1), "id");
        assertInvalid(() -> dao.taskAnnotations().listForTask(task, " "), "typeName");
        assertInvalid(() -> dao.objectMaps().get(-1), "id");
        assertInvalid(() -> dao.objectMaps().delete(-1), "id");
        assertInvalid(() -> dao.objectMaps().find(task, "", task, "b"), "remoteIdOne");
        assertInvalid(() -> dao.namespaces().findByName(" "), "name");
        assertInvalid(() -> dao.annotationTypes().get(null), "id");
    }

    private UUID namedTask() {
        TaskNamespace namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null);
        return dao.namedTasks().findOrCreate(NewNamedTask.of(namespace.uuid(), TaskerFixtures.unique("t"), "1"))
                .uuid();
    }

    private UUID namedStep() {
        DependentSystem system = dao.dependentSystems().findOrCreate(TaskerFixtures.unique("sys"), null);
        return dao.namedSteps().findOrCreate(system.uuid(), TaskerFixtures.unique("step"), null).uuid();
    }
}
