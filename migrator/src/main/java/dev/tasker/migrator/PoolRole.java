package dev.tasker.migrator;

import java.util.Locale;

/** The two databases the orchestrator talks to; in single mode both roles are played by one database. */
public enum PoolRole {
    /** The tasker database: tasks, steps, edges, transitions, DLQ. */
    TASKER,
    /** The PGMQ database: the pgmq extension, the notify wrappers and every queue. */
    PGMQ;

    /** The lower-case name used in output and configuration keys ({@code tasker}, {@code pgmq}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
