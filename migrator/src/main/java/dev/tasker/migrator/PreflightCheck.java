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

    public PreflightCheck {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
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
