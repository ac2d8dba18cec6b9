package dev.tasker.migrator.cli;

import dev.tasker.migrator.SetValidation;
import dev.tasker.migrator.ValidationReport;

/**
 * {@code validate}: each set's history against the migration files; exit 1 when a problem is found, 5 when the
 * histories are valid but versions are pending (a never-migrated database is not "valid").
 */
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
        return PendingVerdict.print(report, context.migrator().info(), context);
    }
}
