package dev.tasker.database;

import java.util.Objects;

/**
 * The databases handed out for one mode: in {@link DatabaseMode#SINGLE} both endpoints are the same database,
 * in {@link DatabaseMode#SPLIT} the PGMQ database is a different one.
 *
 * @param mode   the mode these databases were provisioned for
 * @param tasker where the tasker set lives
 * @param pgmq   where the PGMQ set and the queues live
 */
public record ProvisionedDatabases(DatabaseMode mode, DatabaseEndpoint tasker, DatabaseEndpoint pgmq) {

    public ProvisionedDatabases {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tasker, "tasker");
        Objects.requireNonNull(pgmq, "pgmq");
        if (mode == DatabaseMode.SINGLE && !tasker.equals(pgmq)) {
            throw new IllegalArgumentException("single mode needs one database, got " + tasker + " and " + pgmq);
        }
        if (mode == DatabaseMode.SPLIT && tasker.equals(pgmq)) {
            throw new IllegalArgumentException("split mode needs two databases, got " + tasker + " twice");
        }
    }

    /** Both sets in one database. */
    public static ProvisionedDatabases single(DatabaseEndpoint database) {
        return new ProvisionedDatabases(DatabaseMode.SINGLE, database, database);
    }

    /** The PGMQ set in its own database. */
    public static ProvisionedDatabases split(DatabaseEndpoint tasker, DatabaseEndpoint pgmq) {
        return new ProvisionedDatabases(DatabaseMode.SPLIT, tasker, pgmq);
    }

    /** True when the PGMQ database is a separate database. */
    public boolean pgmqIsSeparate() {
        return mode == DatabaseMode.SPLIT;
    }
}
