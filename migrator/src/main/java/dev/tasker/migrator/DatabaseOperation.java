package dev.tasker.migrator;

/**
 * The kinds of database work the orchestrator does, each routed to the pool that owns it (upstream's routing,
 * {@code split-and-runtime.md} §3).
 */
public enum DatabaseOperation {
    /** Reading or writing tasks. */
    TASK_QUERY(PoolRole.TASKER),
    /** Reading or writing workflow steps. */
    STEP_QUERY(PoolRole.TASKER),
    /** Inserting a task or step transition row. */
    TRANSITION_INSERT(PoolRole.TASKER),
    /** A state transition (compare-and-set on the current transition). */
    STATE_TRANSITION(PoolRole.TASKER),
    /** Sending to a queue (with or without notify). */
    QUEUE_SEND(PoolRole.PGMQ),
    /** Reading from a queue. */
    QUEUE_READ(PoolRole.PGMQ),
    /** Deleting or archiving a queue message. */
    QUEUE_DELETE(PoolRole.PGMQ),
    /** Creating a queue. */
    QUEUE_CREATE(PoolRole.PGMQ);

    private final PoolRole pool;

    DatabaseOperation(PoolRole pool) {
        this.pool = pool;
    }

    /** The pool this kind of operation runs on. */
    public PoolRole pool() {
        return pool;
    }
}
