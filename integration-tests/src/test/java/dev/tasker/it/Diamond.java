package dev.tasker.it;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A task with a diamond DAG, built through tasker-dao's public API on the tasker pool: a template of the named steps
 * a, b, c, d in namespace {@code namespace}, a task of it, its steps created from the template and the edges
 * a → b, a → c, b → d, c → d.
 *
 * @param namespace the template's namespace (also the namespace of its worker queue)
 * @param task      the task
 * @param steps     step name → workflow step uuid
 */
record Diamond(TaskNamespace namespace, Task task, Map<String, UUID> steps) {

    /** The template's step names, root first. */
    static final List<String> STEP_NAMES = List.of("a", "b", "c", "d");

    /** A fresh diamond task in namespace {@code namespaceName}. */
    static Diamond create(TaskerDataAccess access, String namespaceName) {
        TaskNamespace namespace = access.namespaces().findOrCreate(namespaceName, "integration tests");
        DependentSystem system = access.dependentSystems().findOrCreate(namespaceName + "_system", null);
        NamedTask template = access.namedTasks().findOrCreate(NewNamedTask.of(namespace.uuid(), "diamond", "1.0.0"));
        Map<UUID, String> nameOf = STEP_NAMES.stream()
                .map(name -> access.namedSteps().findOrCreate(system.uuid(), name, null))
                .peek(step -> access.taskTemplates().link(template.uuid(), step.uuid(), StepDefaults.DEFAULTS))
                .collect(Collectors.toMap(NamedStep::uuid, NamedStep::name));
        return access.transactionResult(tx -> {
            Task task = tx.tasks().create(NewTask.of(template.uuid(), UUID.randomUUID(), "diamond-" + namespaceName));
            Map<String, UUID> steps = tx.steps().createFromTemplate(task.uuid()).stream()
                    .collect(Collectors.toMap(step -> nameOf.get(step.namedStepUuid()), WorkflowStep::uuid));
            assertThat(steps).as("one step per template row").containsOnlyKeys(STEP_NAMES);
            tx.edges().addEdges(task.uuid(), List.of(new NewEdge(steps.get("a"), steps.get("b")),
                    new NewEdge(steps.get("a"), steps.get("c")), new NewEdge(steps.get("b"), steps.get("d")),
                    new NewEdge(steps.get("c"), steps.get("d"))));
            return new Diamond(namespace, task, Map.copyOf(steps));
        });
    }

    /** The task's uuid. */
    UUID taskUuid() {
        return task.uuid();
    }

    /** The uuid of step {@code name}. */
    UUID step(String name) {
        return steps.get(name);
    }

    /** The name of step {@code uuid}. */
    String nameOf(UUID uuid) {
        return steps.entrySet().stream().filter(entry -> entry.getValue().equals(uuid)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("step " + uuid + " is not part of " + this));
    }
}
