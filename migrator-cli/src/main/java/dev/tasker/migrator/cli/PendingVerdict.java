package dev.tasker.migrator.cli;

import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.SetReport;
import dev.tasker.migrator.SetValidation;
import dev.tasker.migrator.ValidationReport;
import java.io.PrintStream;
import java.util.stream.Collectors;

/** The verdict {@code status} and {@code validate} share: problems (exit 1), pending versions (exit 5), or ready. */
final class PendingVerdict {

    private PendingVerdict() {
    }

    /** Prints the problems or the pending versions and returns the exit code. */
    static ExitCode print(ValidationReport validation, MigrationReport info, CommandContext context) {
        PrintStream out = context.out();
        if (!validation.valid()) {
            for (SetValidation set : validation.sets()) {
                set.problems().forEach(problem -> out.println("  - " + set.set().label() + " set: " + problem));
            }
            out.println("Invalid: the recorded histories do not match the migration files (see above).");
            return ExitCode.FAILED;
        }
        int pending = info.sets().stream().mapToInt(set -> set.pending().size()).sum();
        if (pending > 0) {
            String perSet = info.sets().stream().filter(set -> !set.pending().isEmpty())
                    .map(PendingVerdict::describe).collect(Collectors.joining("; "));
            out.println("Pending: " + Formats.count(pending, "version") + " not yet applied (" + perSet + "). "
                    + "The database is behind this release: run '" + TaskerMigratorCli.PROGRAM + " migrate'.");
            return ExitCode.PENDING;
        }
        out.println("Valid: both histories match the migration files. Nothing pending.");
        return ExitCode.SUCCESS;
    }

    private static String describe(SetReport set) {
        return set.set().label() + " set " + set.pending().size() + ", from " + set.pending().getFirst().version();
    }
}
