package dev.tasker.dao.tasker.templates;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.JsonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.JSONB;

/**
 * The validated step DAG of a template: unique step names, dependencies only on steps of the template, each listed
 * once, and no cycle. Validation happens before any SQL, so a refused template writes nothing. The steps keep the
 * order they were given in.
 *
 * @param steps the steps, in the order given
 */
public record TemplateDag(List<StepSpec> steps) {

    /** The configuration member that holds the steps, as upstream's task template does. */
    public static final String STEPS_KEY = "steps";

    /**
     * Checks {@code steps}; {@link InvalidArgumentException} for {@code steps} naming the first problem: a duplicate
     * step name, a step listing a dependency twice, a dependency on a step the template lacks, or a cycle (with its
     * path, e.g. {@code a -> b -> a}).
     */
    public TemplateDag {
        steps = List.copyOf(Arguments.noNulls("steps", steps));
        Map<String, StepSpec> byName = new LinkedHashMap<>();
        for (StepSpec step : steps) {
            if (byName.putIfAbsent(step.name(), step) != null) {
                throw new InvalidArgumentException("steps", "duplicate step name '" + step.name()
                        + "': step names are unique within a template");
            }
        }
        for (StepSpec step : steps) {
            Set<String> seen = new HashSet<>();
            for (String dependency : step.dependencies()) {
                if (!seen.add(dependency)) {
                    throw new InvalidArgumentException("steps", "step '" + step.name() + "' lists dependency '"
                            + dependency + "' twice");
                }
                if (!byName.containsKey(dependency)) {
                    throw new InvalidArgumentException("steps", "step '" + step.name() + "' depends on unknown step '"
                            + dependency + "'; the template's steps are " + byName.keySet());
                }
            }
        }
        refuseCycles(byName);
    }

    /** The step names, in order. */
    public List<String> names() {
        return steps.stream().map(StepSpec::name).toList();
    }

    /** The dependency edges as (from, to) name pairs: each dependency before the step that depends on it. */
    public List<Map.Entry<String, String>> edges() {
        List<Map.Entry<String, String>> edges = new ArrayList<>();
        for (StepSpec step : steps) {
            step.dependencies().forEach(dependency -> edges.add(Map.entry(dependency, step.name())));
        }
        return List.copyOf(edges);
    }

    /**
     * The steps as stored in the named task's configuration:
     * {@code [{"name": "a", "dependencies": []}, {"name": "b", "dependencies": ["a"]}]}.
     */
    public JSONB stepsJson() {
        return JSONB.valueOf(steps.stream()
                .map(step -> "{\"name\": " + JsonText.quote(step.name()) + ", \"dependencies\": ["
                        + step.dependencies().stream().map(JsonText::quote).collect(Collectors.joining(", ")) + "]}")
                .collect(Collectors.joining(", ", "[", "]")));
    }

    private static void refuseCycles(Map<String, StepSpec> byName) {
        Map<String, Integer> state = new HashMap<>();
        for (String name : byName.keySet()) {
            List<String> path = new ArrayList<>();
            visit(name, byName, state, path);
        }
    }

    /** Depth-first search along dependencies; state 1 = on the current path, 2 = done. */
    private static void visit(String name, Map<String, StepSpec> byName, Map<String, Integer> state,
            List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return;
        }
        path.add(name);
        if (seen != null) {
            List<String> cycle = path.subList(path.indexOf(name), path.size());
            List<String> forward = new ArrayList<>(cycle);
            Collections.reverse(forward);
            throw new InvalidArgumentException("steps", "the dependencies form a cycle: "
                    + String.join(" -> ", forward) + " (each step would have to finish before the next)");
        }
        state.put(name, 1);
        for (String dependency : byName.get(name).dependencies()) {
            visit(dependency, byName, state, path);
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
    }
}
