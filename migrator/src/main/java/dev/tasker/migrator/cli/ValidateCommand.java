package dev.tasker.migrator.cli;

import dev.tasker.migrator.SetValidation;
import dev.tasker.migrator.ValidationReport;

/** {@code validate}: each set's history against the migration files; exit 1 when a problem is found. */
final class ValidateCommand implements CliCommand {

    @Override
    public ExitCode run(CommandContext context) {
        ValidationReport report = context.migrator().validate();
        TextTable table = TextTable.withHeaders("DATABASE", "SET", "URL", "RESULT");
        for (SetValidation set : report.sets()) {
            table.row(context.databaseName(set.set().database()), set.set().label(),
                    set.databaseUrl(), set.valid() ? "valid" : Formats.count(set.problems().size(), "problem"));
        }
        context.out().print(table.render());
        context.out().println();
        if (report.valid()) {
            context.out().println("Valid: both histories match the migration files.");
            return ExitCode.SUCCESS;
        }
        for (SetValidation set : report.sets()) {
            set.problems().forEach(problem -> context.out().println("  - " + set.set().label() + " set: " + problem));
        }
        context.out().println("Invalid: the recorded histories do not match the migration files (see above).");
        return ExitCode.FAILED;
    }
}
