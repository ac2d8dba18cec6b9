package dev.tasker.dao.tasker.registry;

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

/** {@link NamedTaskDao} and {@link NamedStepDao} against the real schema. */
class NamedTaskAndStepDaoTest extends TaskerDaoTest {

    @Test
    void findOrCreateStoresTheNamedTaskWithItsConfigurationAndReturnsItAgainUnchanged() throws SQLException {
        TaskNamespace namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null);
        String name = TaskerFixtures.unique("task");
        NewNamedTask wanted = NewNamedTask.of(namespace.uuid(), name, "1.2.0")
                .withConfiguration(JSONB.valueOf("{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 5}}"))
                .withDescription("described");

        NamedTask created = dao.namedTasks().findOrCreate(wanted);
        NamedTask again = dao.namedTasks().findOrCreate(wanted.withConfiguration(JSONB.valueOf("{\"other\": 1}")));

        assertThat(again).isEqualTo(created);
        Map<String, Object> row = row("SELECT named_task_uuid, version, description,"
                + " configuration #>> '{lifecycle,max_waiting_for_retry_minutes}' AS minutes"
                + " FROM tasker_named_tasks WHERE name = ?", name);
        assertThat(row).containsEntry("named_task_uuid", created.uuid()).containsEntry("version", "1.2.0")
                .containsEntry("description", "described").containsEntry("minutes", "5");
    }

    @Test
    void versionAndConfigurationDefaultToTheColumnDefaults() throws SQLException {
        TaskNamespace namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null);
        String name = TaskerFixtures.unique("task");
        NamedTask created = dao.namedTasks().findOrCreate(NewNamedTask.of(namespace.uuid(), name, null));

        assertThat(created.version()).isEqualTo(NewNamedTask.DEFAULT_VERSION);
        assertThat(value("SELECT configuration::text FROM tasker_named_tasks WHERE named_task_uuid = ?",
                created.uuid())).isEqualTo("{}");
    }

    @Test
    void twoCallersRacingOnOneNamedTaskGetTheSameRow() throws Exception {
        TaskNamespace namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null);
        for (int round = 0; round < 5; round++) {
            NewNamedTask wanted = NewNamedTask.of(namespace.uuid(), TaskerFixtures.unique("race"), "1.0.0");
            List<Outcome<NamedTask>> outcomes = Concurrently.run(() -> dao.namedTasks().findOrCreate(wanted),
                    () -> dao.namedTasks().findOrCreate(wanted));

            assertThat(outcomes).allMatch(Outcome::succeeded);
            assertThat(outcomes.get(0).value().uuid()).isEqualTo(outcomes.get(1).value().uuid());
            assertThat(value("SELECT count(*) FROM tasker_named_tasks WHERE name = ?", wanted.name())).isEqualTo(1L);
        }
    }

    @Test
    void namedTaskLookupsAndUpdates() throws SQLException {
        TaskNamespace namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null);
        String name = TaskerFixtures.unique("task");
        NamedTask v1 = dao.namedTasks().findOrCreate(NewNamedTask.of(namespace.uuid(), name, "1.0.0"));
        NamedTask v2 = dao.namedTasks().findOrCreate(NewNamedTask.of(namespace.uuid(), name, "2.0.0"));

        assertThat(dao.namedTasks().get(v1.uuid())).contains(v1);
        assertThat(dao.namedTasks().find(namespace.uuid(), name, "2.0.0")).contains(v2);
        assertThat(dao.namedTasks().find(namespace.name(), name, "1.0.0")).contains(v1);
        assertThat(dao.namedTasks().find(namespace.name(), name, "3.0.0")).isEmpty();

        StatementCounter counter = new StatementCounter(dataSource);
        assertThat(new NamedTaskDao(counter.dsl()).listByNamespace(namespace.uuid())).containsExactly(v1, v2);
        assertThat(counter.take()).isEqualTo(1);

        NamedTask configured = dao.namedTasks().updateConfiguration(v1.uuid(), JSONB.valueOf("{\"a\": 1}"));
        assertThat(configured.configuration()).hasValueSatisfying(json -> assertThat(json.data()).contains("\"a\""));
        assertThat(value("SELECT configuration->>'a' FROM tasker_named_tasks WHERE named_task_uuid = ?", v1.uuid()))
                .isEqualTo("1");
        assertThat(dao.namedTasks().updateDescription(v1.uuid(), "d").description()).contains("d");

        assertThat(dao.namedTasks().delete(v2.uuid())).isTrue();
        assertThat(dao.namedTasks().delete(v2.uuid())).isFalse();
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.namedTasks().updateConfiguration(missing, null))
                .isInstanceOf(NotFoundException.class).extracting("id").isEqualTo(missing);
    }

    @Test
    void aNamedTaskInAMissingNamespaceIsNotFoundAndNothingIsWritten() throws SQLException {
        UUID missing = UUID.randomUUID();
        String name = TaskerFixtures.unique("orphan");
        assertThatThrownBy(() -> dao.namedTasks().findOrCreate(NewNamedTask.of(missing, name, "1.0.0")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("namespace");
                    assertThat(e.id()).isEqualTo(missing);
                });
        assertThat(value("SELECT count(*) FROM tasker_named_tasks WHERE name = ?", name)).isEqualTo(0L);
    }

    @Test
    void badNamedTaskArgumentsAreNamed() {
        UUID namespace = UUID.randomUUID();
        assertThatThrownBy(() -> dao.namedTasks().findOrCreate(NewNamedTask.of(null, "n", "1")))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("namespaceUuid");
        assertThatThrownBy(() -> dao.namedTasks().findOrCreate(NewNamedTask.of(namespace, "", "1")))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("name");
        assertThatThrownBy(() -> dao.namedTasks().findOrCreate(NewNamedTask.of(namespace, "n", "1".repeat(17))))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("version");
    }

    @Test
    void namedStepsFindOrCreateRaceLookupsUpdatesAndDelete() throws Exception {
        DependentSystem system = dao.dependentSystems().findOrCreate(TaskerFixtures.unique("sys"), null);
        String name = TaskerFixtures.unique("step");
        List<Outcome<NamedStep>> outcomes = Concurrently.run(
                () -> dao.namedSteps().findOrCreate(system.uuid(), name, "first"),
                () -> dao.namedSteps().findOrCreate(system.uuid(), name, "first"));
        assertThat(outcomes).allMatch(Outcome::succeeded);
        NamedStep step = outcomes.get(0).value();
        assertThat(outcomes.get(1).value().uuid()).isEqualTo(step.uuid());
        assertThat(value("SELECT count(*) FROM tasker_named_steps WHERE name = ?", name)).isEqualTo(1L);

        assertThat(dao.namedSteps().get(step.uuid())).contains(step);
        assertThat(dao.namedSteps().find(system.uuid(), name)).contains(step);
        assertThat(dao.namedSteps().listBySystem(system.uuid())).containsExactly(step);
        assertThat(dao.namedSteps().updateDescription(step.uuid(), "second").description()).contains("second");
        assertThat(dao.namedSteps().delete(step.uuid())).isTrue();
        assertThat(dao.namedSteps().get(step.uuid())).isEmpty();

        UUID missingSystem = UUID.randomUUID();
        assertThatThrownBy(() -> dao.namedSteps().findOrCreate(missingSystem, "x", null))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.entity()).isEqualTo("dependent system"));
        assertThatThrownBy(() -> dao.namedSteps().findOrCreate(system.uuid(), "x".repeat(129), null))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("name");
        assertThatThrownBy(() -> dao.namedSteps().updateDescription(step.uuid(), "gone"))
                .isInstanceOf(NotFoundException.class);
    }
}
