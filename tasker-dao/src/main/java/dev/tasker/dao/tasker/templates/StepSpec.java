package dev.tasker.dao.tasker.templates;

import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Lengths;
import java.util.List;

/**
 * One step of a {@link WorkflowTemplate}: its name (the named step's name, unique within the template), the names of
 * the steps it depends on, and the defaults its workflow steps get.
 *
 * @param name         the step's name (1 to 128 characters)
 * @param dependencies the names of the steps that must finish before it, in the order given
 * @param defaults     skippable, retryable and max attempts of the workflow steps created from it
 */
public record StepSpec(String name, List<String> dependencies, StepDefaults defaults) {

    /** The longest step name ({@code tasker_named_steps.name}). */
    public static final int NAME_LENGTH = 128;

    /** Checks the name and copies the dependencies; refuses null entries. */
    public StepSpec {
        Lengths.requiredAtMost("step name", name, NAME_LENGTH);
        Arguments.notBlank("step name", name);
        dependencies = List.copyOf(Arguments.noNulls("dependencies of step " + name, dependencies));
        Arguments.required("defaults of step " + name, defaults);
    }
}
