package dev.tasker.migrator.cli;

import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.SetReport;
import dev.tasker.migrator.SetValidation;
import dev.tasker.migrator.ValidationReport;
import java.io.PrintStream;

/**
 * {@code status}: the deploy gate. Validates both histories and counts pending versions, one row per set; exit 0 when
 * both are valid and up to date, {@link ExitCode#PENDING} when versions are pending, {@link ExitCode#FAILED} when a
 * history has problems. Changes nothing, not even a history table.
 */
final class StatusCommand implements CliCommand {

    @Override
    public ExitCode run(CommandContext context) {
        ValidationReport validation = context.migrator().validate();
        MigrationReport info = context.migrator().info();
        TextTable table = TextTable.withHeaders("DATABASE", "SET", "URL", "APPLIED", "PENDING", "FAILED", "HISTORY")
                .alignRight(3, 4, 5);
        for (SetReport set : info.sets()) {
            SetValidation valid = validation.sets().stream().filter(v -> v.set() == set.set()).findFirst()
                    .orElseThrow();
            table.row(context.databaseName(set.set().database()), set.set().label(), set.databaseUrl(),
                    set.applied().size(), set.pending().size(), set.failed().size(),
                    valid.valid() ? "valid" : Formats.count(valid.problems().size(), "problem"));
        }
        PrintStream out = context.out();
        out.print(table.render());
        out.println();
        return PendingVerdict.print(validation, info, context);
    }
}
