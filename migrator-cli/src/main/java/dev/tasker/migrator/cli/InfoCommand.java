package dev.tasker.migrator.cli;

import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.SetReport;
import dev.tasker.migrator.VersionStatus;
import java.util.Locale;

/** {@code info}: every version of both sets with its state and install time. Changes nothing. */
final class InfoCommand implements CliCommand {

    @Override
    public ExitCode run(CommandContext context) {
        MigrationReport report = context.migrator().info();
        TextTable table = TextTable.withHeaders("SET", "VERSION", "DESCRIPTION", "STATE", "INSTALLED ON");
        for (SetReport set : report.sets()) {
            for (VersionStatus version : set.versions()) {
                table.row(set.set().label(), version.version(), version.description(),
                        version.state().name().toLowerCase(Locale.ROOT), Formats.instant(version.installedOn()));
            }
        }
        context.out().print(table.render());
        context.out().println();
        for (SetReport set : report.sets()) {
            context.out().println(set.set().label() + " set in " + set.databaseUrl() + ": "
                    + set.applied().size() + " applied, " + set.pending().size() + " pending, "
                    + set.failed().size() + " failed");
        }
        return ExitCode.SUCCESS;
    }
}
