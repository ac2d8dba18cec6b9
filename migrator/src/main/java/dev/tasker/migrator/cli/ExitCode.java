package dev.tasker.migrator.cli;

/** The exit codes of {@code tasker-migrator}; {@link TaskerMigratorCli} documents when each is used. */
public enum ExitCode {
    /** Success; for {@code doctor}: no check failed. */
    SUCCESS(0, "success (doctor: no failed check)"),
    /** A migration failed, or {@code validate} found problems. */
    FAILED(1, "a migration failed, or validate found problems"),
    /** Unknown command or option, missing or bad option value. */
    USAGE(2, "usage error (unknown command or option, missing or bad option value)"),
    /** Bad URL or pool setting, unreadable config file, {@code --mode} disagreeing with the URLs. */
    CONFIGURATION(3, "configuration error (bad URL or pool setting, unreadable config file, --mode disagrees "
            + "with the URLs)"),
    /** Preflight failed or a database cannot be reached (nothing changed); {@code doctor} found a failed check. */
    NOT_READY(4, "database not ready (preflight failed, database unreachable or embedded server not started; "
            + "nothing changed), or doctor found a failed check");

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
