package dev.tasker.dao.tasker;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The state machine of a task or workflow step forbids the requested transition. Raised before anything is
 * written. {@link #fromState()} is empty when the task or step has no transition yet.
 */
public class IllegalTransitionException extends TaskerDaoException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final UUID id;
    private final String fromState;
    private final String requested;
    private final List<String> allowedEvents;

    /**
     * {@code entity} (e.g. "task") {@code id} may not go from {@code fromState} (null: no state yet) by
     * {@code requested} (a target state or event name); {@code reason} says why.
     */
    public IllegalTransitionException(String entity, UUID id, String fromState, String requested, String reason) {
        this(entity, id, fromState, requested, reason, null);
    }

    /**
     * As {@link #IllegalTransitionException(String, UUID, String, String, String)}, with the events the state machine
     * allows from {@code fromState} (null: not known), which the message lists.
     */
    public IllegalTransitionException(String entity, UUID id, String fromState, String requested, String reason,
            List<String> allowedEvents) {
        super(entity + " " + id + ": illegal transition from " + (fromState == null ? "(no state)" : fromState)
                + " by " + requested + ": " + reason + (allowedEvents == null ? ""
                : "; events allowed from " + (fromState == null ? "(no state)" : fromState) + ": "
                        + (allowedEvents.isEmpty() ? "none" : String.join(", ", allowedEvents))));
        this.entity = entity;
        this.id = id;
        this.fromState = fromState;
        this.requested = requested;
        this.allowedEvents = allowedEvents == null ? List.of() : List.copyOf(allowedEvents);
    }

    /** {@code "task"} or {@code "workflow step"}. */
    public String entity() {
        return entity;
    }

    /** The task or step uuid. */
    public UUID id() {
        return id;
    }

    /** The database state it was in, if any. */
    public Optional<String> fromState() {
        return Optional.ofNullable(fromState);
    }

    /** The names of the events the state machine allows from the current state (guards aside), if known. */
    public List<String> allowedEvents() {
        return allowedEvents;
    }

    /** The target state or event that was refused (database spelling). */
    public String requested() {
        return requested;
    }
}
