package dev.tasker.dao.tasker.registry;

import dev.tasker.dao.tasker.support.Arguments;

/**
 * The defaults a task template gives the workflow steps created from it ({@code tasker_named_tasks_named_steps}):
 * whether the step may be skipped, whether it may be retried, and how many attempts it gets.
 */
public record StepDefaults(boolean skippable, boolean retryable, int maxAttempts) {

    /** The column defaults: not skippable, retryable, 3 attempts. */
    public static final StepDefaults DEFAULTS = new StepDefaults(false, true, 3);

    /** Checks that {@code maxAttempts} is not negative. */
    public StepDefaults {
        Arguments.notNegative("maxAttempts", maxAttempts);
    }
}
