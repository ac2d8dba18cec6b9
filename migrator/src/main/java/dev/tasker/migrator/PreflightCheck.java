package dev.tasker.migrator;

import java.util.Objects;

/**
 * One preflight check of one database. In single mode the one database plays both roles: checks about the
 * database as a whole carry {@link PoolRole#TASKER}, checks about pgmq carry {@link PoolRole#PGMQ}, and each
 * check is made once.
 *
 * @param database the database checked
 * @param name     what was checked, short and stable (e.g. {@code reachable}, {@code pgmq extension})
 * @param status   the outcome
 * @param detail   what was found and, when it failed, what to do about it
 */
public record PreflightCheck(PoolRole database, String name, CheckStatus status, String detail) {

    /** The database answers a direct connection. */
    public static final String REACHABLE = "reachable";
    /** The catalog queries behind the other checks could be run. */
    public static final String CATALOG = "catalog";
    /** The tasker set will find or create {@code uuid_generate_v7()} (pg_uuidv7, or PostgreSQL 18's uuidv7()). */
    public static final String UUID_V7 = "uuid v7";
    /** The PGMQ database has or may create the pgmq extension. */
    public static final String PGMQ_EXTENSION = "pgmq extension";
    /** The pgmq version is 1.5.1 or later. */
    public static final String PGMQ_VERSION = "pgmq version";
    /** The role may create schemas (and so extensions) in the database, where that is needed. */
    public static final String CREATE_ON_DATABASE = "CREATE on database";
    /** The role may create objects in schema public, where that is needed. */
    public static final String CREATE_ON_SCHEMA_PUBLIC = "CREATE on schema public";
    /** The role may create the queue-created trigger on pgmq.meta, where that is needed. */
    public static final String TRIGGER_ON_PGMQ_META = "TRIGGER on pgmq.meta";
    /** Prefix of the per-set check of upstream's {@code _sqlx_migrations}: {@code upstream history (tasker set)}. */
    public static final String UPSTREAM_HISTORY = "upstream history";

    public PreflightCheck {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** A passed check. */
    public static PreflightCheck passed(PoolRole database, String name, String detail) {
        return new PreflightCheck(database, name, CheckStatus.PASSED, detail);
    }

    /** A check with a warning. */
    public static PreflightCheck warning(PoolRole database, String name, String detail) {
        return new PreflightCheck(database, name, CheckStatus.WARNING, detail);
    }

    /** A failed check. */
    public static PreflightCheck failed(PoolRole database, String name, String detail) {
        return new PreflightCheck(database, name, CheckStatus.FAILED, detail);
    }

    /** True when this check failed. */
    public boolean failed() {
        return status == CheckStatus.FAILED;
    }

    /** One line for people: {@code [pgmq] pgmq extension: FAILED - detail}. */
    public String describe() {
        return "[" + database.label() + "] " + name + ": " + status + " - " + detail;
    }
}
