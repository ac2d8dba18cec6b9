package dev.tasker.migrator.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The commands of {@code tasker-migrator}. */
public enum Command {
    /** Preflight both databases, then apply every pending version (tasker set first, then the PGMQ set). */
    MIGRATE("preflight both databases, then apply every pending version (tasker set first, then PGMQ set)"),
    /**
     * The deploy gate: validate both histories and count pending versions; exit 0 when up to date, 5 when versions
     * are pending, 1 when a history has problems. Changes nothing.
     */
    STATUS("deploy gate: exit 0 when both sets are valid and up to date, 5 when versions are pending, 1 on problems"),
    /** List every version of both sets with its state. */
    INFO("list every version of both sets and its state (applied, adopted, pending, failed)"),
    /** Compare the recorded histories with the migration files. */
    VALIDATE("compare the recorded histories with the migration files (checksums, missing versions); "
            + "exit 5 when versions are pending"),
    /** Check servers, extensions, privileges and the split configuration. */
    DOCTOR("check server versions, extensions, privileges and the split configuration");

    private final String summary;

    Command(String summary) {
        this.summary = summary;
    }

    /** The name typed on the command line, e.g. {@code migrate}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line for the help text. */
    public String summary() {
        return summary;
    }

    /** The command typed as {@code text}, if there is one (exact lower-case name). */
    public static Optional<Command> find(String text) {
        return Arrays.stream(values()).filter(command -> command.label().equals(text)).findFirst();
    }
}
