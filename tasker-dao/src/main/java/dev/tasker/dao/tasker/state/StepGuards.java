package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.support.Arguments;

/**
 * What the step guards of tasker-schema.md §7.2 look at, as read from the database: how many parents of the step
 * are not yet in a state that satisfies dependencies (complete, resolved_manually; a parent without transitions
 * counts as pending), and the step's {@code in_process} flag.
 */
public record StepGuards(int unmetParents, boolean inProcess) {

    /** Guards with every dependency met and the step not in process. */
    public static final StepGuards CLEAR = new StepGuards(0, false);

    /** Refuses a negative parent count. */
    public StepGuards {
        Arguments.notNegative("unmetParents", unmetParents);
    }

    /** All parents are complete or resolved_manually. */
    public boolean dependenciesMet() {
        return unmetParents == 0;
    }
}
