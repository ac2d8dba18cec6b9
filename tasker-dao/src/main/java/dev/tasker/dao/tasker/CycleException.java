package dev.tasker.dao.tasker;

import java.util.List;
import java.util.UUID;

/**
 * Adding the edge {@link #fromStep()} → {@link #toStep()} would close a cycle in the task's step DAG; nothing was
 * written. {@link #path()} is the existing path from {@code toStep} back to {@code fromStep}.
 */
public class CycleException extends TaskerDaoException {

    private static final long serialVersionUID = 1L;

    private final UUID fromStep;
    private final UUID toStep;
    private final List<UUID> path;

    /** The edge {@code fromStep → toStep} would close a cycle along the existing {@code path} (toStep … fromStep). */
    public CycleException(UUID fromStep, UUID toStep, List<UUID> path) {
        super("edge " + fromStep + " -> " + toStep + " would create a cycle: " + toStep + " already reaches "
                + fromStep + " via " + path);
        this.fromStep = fromStep;
        this.toStep = toStep;
        this.path = List.copyOf(path);
    }

    /** The step the refused edge starts at. */
    public UUID fromStep() {
        return fromStep;
    }

    /** The step the refused edge ends at. */
    public UUID toStep() {
        return toStep;
    }

    /** The existing path from {@link #toStep()} to {@link #fromStep()}, both included. */
    public List<UUID> path() {
        return path;
    }
}
