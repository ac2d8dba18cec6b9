package dev.tasker.migrator.cli;

import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.PreflightFailedException;
import dev.tasker.migrator.PreflightReport;
import dev.tasker.migrator.SetReport;
import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * {@code migrate}: preflight, then both sets, printing one row per set; with {@code --dry-run} it prints the plan
 * and changes nothing ({@link DryRunOutput}).
 */
final class MigrateCommand implements CliCommand {

    @Override
    public ExitCode run(CommandContext context) {
        PreflightReport preflight = context.migrator().preflight();
        if (!preflight.passed()) {
            return refuse(preflight, context);
        }
        if (!preflight.warnings().isEmpty()) {
            context.out().println("Preflight warnings:");
            context.out().print(Checklist.of(preflight.warnings()).render());
            context.out().println();
        }
        try {
            if (context.line().dryRun()) {
                return DryRunOutput.print(context.migrator().dryRun(), context);
            }
            return print(context.migrator().migrate(), context);
        } catch (PreflightFailedException e) {
            return refuse(e.report(), context);
        }
    }

    /** Prints every failed preflight check on stderr: nothing was changed. */
    static ExitCode refuse(PreflightReport preflight, CommandContext context) {
        PrintStream err = context.err();
        err.println("Preflight failed (" + Formats.count(preflight.failures().size(), "problem")
                + "); nothing was changed:");
        err.print(Checklist.of(preflight.failures()).render());
        err.println("Run 'tasker-migrator doctor' for the full checklist.");
        return ExitCode.NOT_READY;
    }

    private static ExitCode print(MigrationReport report, CommandContext context) {
        PrintStream out = context.out();
        TextTable table = TextTable.withHeaders("DATABASE", "SET", "URL", "APPLIED NOW", "ADOPTED NOW", "PENDING",
                "FAILED", "TIME").alignRight(3, 4, 5, 6, 7);
        for (SetReport set : report.sets()) {
            table.row(context.databaseName(set.set().database()), set.set().label(),
                    set.databaseUrl(), set.appliedNow().size(), set.adoptedNow().size(), set.pending().size(),
                    set.failed().size(), Formats.duration(set.duration()));
        }
        out.print(table.render());
        out.println();
        if (!report.succeeded()) {
            report.sets().stream().filter(set -> !set.succeeded()).forEach(set -> context.err()
                    .println("FAILED: the " + set.set().label() + " set: " + set.failure().orElseThrow()));
            out.println("Migration failed after " + Formats.duration(report.duration()) + ". Versions applied before "
                    + "the failure stay applied; fix the cause and run migrate again to resume.");
            return ExitCode.FAILED;
        }
        int applied = report.sets().stream().mapToInt(set -> set.appliedNow().size()).sum();
        int adopted = report.sets().stream().mapToInt(set -> set.adoptedNow().size()).sum();
        if (applied == 0 && adopted == 0) {
            out.println("Nothing pending: both sets are up to date (0 applied) in "
                    + Formats.duration(report.duration()) + ".");
        } else {
            out.println("Applied " + Formats.count(applied, "version") + " ("
                    + report.sets().stream().map(set -> set.set().label() + " " + set.appliedNow().size())
                    .collect(Collectors.joining(", ")) + ")"
                    + (adopted == 0 ? "" : ", adopted " + Formats.count(adopted, "version") + " from _sqlx_migrations")
                    + " in " + Formats.duration(report.duration()) + "; nothing pending.");
        }
        return ExitCode.SUCCESS;
    }
}
