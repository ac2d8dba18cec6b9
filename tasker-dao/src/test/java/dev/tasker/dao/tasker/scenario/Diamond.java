package dev.tasker.dao.tasker.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.registry.DependentSystem;
import dev.tasker.dao.tasker.registry.NamedStep;
import dev.tasker.dao.tasker.registry.NamedTask;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.registry.TaskNamespace;
import dev.tasker.dao.tasker.steps.NewEdge;
import dev.tasker.dao.tasker.steps.WorkflowStep;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.tasks.Task;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A diamond workflow built through the public API only: a template of four named steps (a, b, c, d), a task of it,
 * its steps created from the template in one call and the edges a → b, a → c, b → d, c → d added in one call.
 *
 * @param namespace the template's namespace
 * @param system    the dependent system of the named steps
 * @param namedTask the template
 * @param task      the task
 * @param a         the root
 * @param b         a child of a
 * @param c         the other child of a
 * @param d         the leaf, child of b and c
 */
record Diamond(TaskNamespace namespace, DependentSystem system, NamedTask namedTask, Task task, UUID a, UUID b,
        UUID c, UUID d) {

    /** The step names of the template, in linking order. */
    static final List<String> STEP_NAMES = List.of("validate", "debit", "credit", "notify");

    /** A fresh diamond whose template gives every step {@code defaults}. */
    static Diamond create(TaskerDataAccess access, StepDefaults defaults) {
        TaskNamespace namespace = access.namespaces().findOrCreate(TaskerFixtures.unique("payments"), "scenarios");
        DependentSystem system = access.dependentSystems().findOrCreate(TaskerFixtures.unique("ledger"), null);
        NamedTask namedTask = access.namedTasks().findOrCreate(NewNamedTask.of(namespace.uuid(), "settle", "1.0.0"));
        Map<UUID, String> nameOf = STEP_NAMES.stream()
                .map(name -> access.namedSteps().findOrCreate(system.uuid(), name, null))
                .peek(step -> access.taskTemplates().link(namedTask.uuid(), step.uuid(), defaults))
                .collect(Collectors.toMap(NamedStep::uuid, NamedStep::name));
        Task task = access.tasks().create(NewTask.of(namedTask.uuid(), UUID.randomUUID(),
                "settle-" + UUID.randomUUID()));
        Map<String, UUID> stepOf = access.steps().createFromTemplate(task.uuid()).stream()
                .collect(Collectors.toMap(step -> nameOf.get(step.namedStepUuid()), WorkflowStep::uuid));
        assertThat(stepOf).as("one step per template row").containsOnlyKeys(STEP_NAMES);
        Function<String, UUID> step = stepOf::get;
        UUID a = step.apply("validate");
        UUID b = step.apply("debit");
        UUID c = step.apply("credit");
        UUID d = step.apply("notify");
        assertThat(access.edges().addEdges(task.uuid(), List.of(new NewEdge(a, b), new NewEdge(a, c),
                new NewEdge(b, d), new NewEdge(c, d)))).hasSize(4);
        return new Diamond(namespace, system, namedTask, task, a, b, c, d);
    }

    /** The four steps, a to d. */
    List<UUID> steps() {
        return List.of(a, b, c, d);
    }

    /** The task's uuid. */
    UUID taskUuid() {
        return task.uuid();
    }
}
