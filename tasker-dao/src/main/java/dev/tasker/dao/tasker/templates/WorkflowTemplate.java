package dev.tasker.dao.tasker.templates;

import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.support.Arguments;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A task template to register with {@link WorkflowTemplateDao#register}: the named task (namespace, name, version,
 * description) and its steps with their dependencies, all named steps of one dependent system. Build it with
 * {@link #of} and {@link #step}; the DAG is validated when the template is registered.
 *
 * <pre>{@code
 * WorkflowTemplate.of(namespace, "diamond", "1.0.0", system)
 *         .step("a").step("b", "a").step("c", "a").step("d", "b", "c");
 * }</pre>
 *
 * @param namespaceUuid       the named task's namespace
 * @param name                the named task's name
 * @param version             the named task's version
 * @param dependentSystemUuid the dependent system of the steps' named steps
 * @param description         the named task's description, or null
 * @param steps               the steps, in order
 */
public record WorkflowTemplate(UUID namespaceUuid, String name, String version, UUID dependentSystemUuid,
        String description, List<StepSpec> steps) {

    /** Copies the steps; refuses missing keys and null steps. */
    public WorkflowTemplate {
        Arguments.required("namespaceUuid", namespaceUuid);
        Arguments.required("name", name);
        Arguments.required("version", version);
        Arguments.required("dependentSystemUuid", dependentSystemUuid);
        steps = List.copyOf(Arguments.noNulls("steps", steps));
    }

    /** A template without steps yet. */
    public static WorkflowTemplate of(UUID namespaceUuid, String name, String version, UUID dependentSystemUuid) {
        return new WorkflowTemplate(namespaceUuid, name, version, dependentSystemUuid, null, List.of());
    }

    /** This plus step {@code stepName} with the default {@link StepDefaults}, after {@code dependencies}. */
    public WorkflowTemplate step(String stepName, String... dependencies) {
        return step(stepName, StepDefaults.DEFAULTS, dependencies);
    }

    /** This plus step {@code stepName} with {@code defaults}, after {@code dependencies}. */
    public WorkflowTemplate step(String stepName, StepDefaults defaults, String... dependencies) {
        List<StepSpec> more = new ArrayList<>(steps);
        more.add(new StepSpec(stepName, List.of(Arguments.required("dependencies", dependencies)), defaults));
        return new WorkflowTemplate(namespaceUuid, name, version, dependentSystemUuid, description, more);
    }

    /** This with {@code newDescription}. */
    public WorkflowTemplate withDescription(String newDescription) {
        return new WorkflowTemplate(namespaceUuid, name, version, dependentSystemUuid, newDescription, steps);
    }

    /** The validated DAG of the steps ({@link TemplateDag}). */
    public TemplateDag dag() {
        return new TemplateDag(steps);
    }
}
