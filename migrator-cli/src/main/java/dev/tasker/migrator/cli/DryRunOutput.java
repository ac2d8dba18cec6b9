package dev.tasker.migrator.cli;

import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.SetReport;
import dev.tasker.migrator.VersionStatus;
import java.util.List;

/** Prints what {@code migrate} would do: one row per version it would apply or adopt. */
final class DryRunOutput {

    private DryRunOutput() {
    }

    static ExitCode print(MigrationReport plan, CommandContext context) {
        TextTable table = TextTable.withHeaders("DATABASE", "SET", "VERSION", "DESCRIPTION", "WOULD");
        int applied = 0;
        int adopted = 0;
        for (SetReport set : plan.sets()) {
            String database = context.databaseName(set.set().database());
            for (VersionStatus version : set.versions()) {
                String action = action(version.version(), set.appliedNow(), set.adoptedNow());
                if (!action.isEmpty()) {
                    table.row(database, set.set().label(), version.version(), version.description(), action);
                }
            }
            applied += set.appliedNow().size();
            adopted += set.adoptedNow().size();
        }
        if (table.isEmpty()) {
            context.out().println("Dry run: nothing pending; migrate would apply nothing. Nothing was changed.");
        } else {
            context.out().print(table.render());
            context.out().println();
            context.out().println("Dry run: migrate would apply " + Formats.count(applied, "version")
                    + (adopted == 0 ? "" : " and adopt " + Formats.count(adopted, "version"))
                    + ". Nothing was changed.");
        }
        return ExitCode.SUCCESS;
    }

    private static String action(String version, List<String> apply, List<String> adopt) {
        if (apply.contains(version)) {
            return "apply";
        }
        return adopt.contains(version) ? "adopt" : "";
    }
}
