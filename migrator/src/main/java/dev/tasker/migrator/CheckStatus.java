package dev.tasker.migrator;

/** The outcome of one preflight check. */
public enum CheckStatus {
    /** The requirement is met. */
    PASSED,
    /** Worth knowing, but it does not stop the migration. */
    WARNING,
    /** The migration would fail or do harm: the preflight refuses to go on. */
    FAILED
}
