package dev.tasker.dao.tasker.templates;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.steps.StepEdge;
import dev.tasker.dao.tasker.tasks.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task created from a template with {@link WorkflowTemplateDao#createTask}: the task, its workflow steps by step
 * name, and the edges between them.
 *
 * @param task  the task
 * @param steps step name → workflow step uuid, in the template's order
 * @param edges the {@code provides} edges created
 */
public record TemplateTask(Task task, Map<String, UUID> steps, List<StepEdge> edges) {

    /** Copies the collections (the map keeps its order). */
    public TemplateTask {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        edges = List.copyOf(edges);
    }

    /** The task's uuid. */
    public UUID uuid() {
        return task.uuid();
    }

    /** The workflow step uuid of step {@code name}; {@link InvalidArgumentException} if the template has none. */
    public UUID step(String name) {
        UUID uuid = steps.get(name);
        if (uuid == null) {
            throw new InvalidArgumentException("name", "the task's template has no step '" + name + "'; its steps are "
                    + steps.keySet());
        }
        return uuid;
    }

    /** The step name of workflow step {@code uuid}; {@link InvalidArgumentException} if it is not one of the task's. */
    public String nameOf(UUID uuid) {
        return steps.entrySet().stream().filter(entry -> entry.getValue().equals(uuid)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new InvalidArgumentException("uuid", "workflow step " + uuid
                        + " is not a step of task " + task.uuid()));
    }
}
