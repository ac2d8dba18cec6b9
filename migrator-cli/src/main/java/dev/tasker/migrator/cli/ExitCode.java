package dev.tasker.migrator.cli;

/** The exit codes of {@code tasker-migrator}; {@link TaskerMigratorCli} documents when each is used. */
public enum ExitCode {
    /** Success; {@code doctor}: no check failed; {@code status} / {@code validate}: valid, nothing pending. */
    SUCCESS(0, "success (doctor: no failed check; status/validate: valid and nothing pending)"),
    /** A migration failed, or {@code status} / {@code validate} found problems in a history. */
    FAILED(1, "a migration failed, or status/validate found problems (checksum, missing file, failed version)"),
    /** Unknown command or option, missing or bad option value. */
    USAGE(2, "usage error (unknown command or option, missing or bad option value)"),
    /**
     * No database configured (and no {@code --embedded}), bad URL or pool setting, unknown setting (a typo),
     * unreadable config file, {@code --mode} disagreeing with the URLs.
     */
    CONFIGURATION(3, "configuration error (no DATABASE_URL configured and no --embedded, bad URL or pool setting, "
            + "unknown setting, unreadable config file, --mode disagrees with the URLs)"),
    /** Preflight failed or a database cannot be reached (nothing changed); {@code doctor} found a failed check. */
    NOT_READY(4, "database not ready (preflight failed, database unreachable or embedded server not started; "
            + "nothing changed), or doctor found a failed check"),
    /** {@code status} / {@code validate}: the histories are valid but versions are pending (deploy gate). */
    PENDING(5, "status/validate: migrations are pending (the database is behind this release; run migrate)"),
    /** The Java running the migrator is older than 21 (the jar's launcher checks before anything else). */
    JAVA_TOO_OLD(6, "Java older than 21 (the jar and ./tasker-migrator check before anything runs)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What the code means, for the help text. */
    public String meaning() {
        return meaning;
    }
}
