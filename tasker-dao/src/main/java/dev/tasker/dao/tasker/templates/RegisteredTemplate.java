package dev.tasker.dao.tasker.templates;

import dev.tasker.dao.tasker.registry.NamedTask;
import java.util.Map;
import java.util.UUID;

/**
 * A registered template: the named task (its configuration holds the steps) and the named step of each step name.
 *
 * @param namedTask  the named task
 * @param dag        the steps and their dependencies
 * @param namedSteps step name → named step uuid
 */
public record RegisteredTemplate(NamedTask namedTask, TemplateDag dag, Map<String, UUID> namedSteps) {

    /** Copies the map. */
    public RegisteredTemplate {
        namedSteps = Map.copyOf(namedSteps);
    }

    /** The named task's uuid, what {@link WorkflowTemplateDao#createTask} takes (through the new task). */
    public UUID uuid() {
        return namedTask.uuid();
    }
}
