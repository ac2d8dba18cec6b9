package dev.tasker.migrator.cli;

import dev.tasker.migrator.CheckStatus;
import dev.tasker.migrator.DatabaseFacts;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigratorException;
import dev.tasker.migrator.PoolRole;
import dev.tasker.migrator.PreflightReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}: the preflight checks, the configuration checks and the facts of each database, then a one-line
 * verdict. Changes nothing; exit 4 when a check failed.
 */
final class DoctorCommand implements CliCommand {

    @Override
    public ExitCode run(CommandContext context) {
        DatabaseSettings settings = context.settings();
        PreflightReport preflight = context.migrator().preflight();
        Checklist checklist = Checklist.of(preflight);
        Map<PoolRole, DatabaseFacts> facts = new EnumMap<>(PoolRole.class);
        List<String> unavailable = new ArrayList<>();
        for (PoolRole role : settings.pgmqIsSeparate() ? List.of(PoolRole.TASKER, PoolRole.PGMQ)
                : List.of(PoolRole.TASKER)) {
            try {
                facts.put(role, context.migrator().facts(role));
            } catch (MigratorException e) {
                boolean explained = preflight.failures().stream().anyMatch(check -> check.database() == role);
                unavailable.add("No facts from the " + role.label() + " database: "
                        + (explained ? "see its [FAIL] checks above." : e.getMessage()));
            }
        }
        ConfigurationChecks.addTo(checklist, settings, facts);

        PrintStream out = context.out();
        out.println("Checks");
        out.print(checklist.render());
        out.println();
        if (!facts.isEmpty()) {
            out.println("Facts");
            out.print(FactsTable.of(facts, settings.pgmqIsSeparate()).render());
            out.println();
        }
        unavailable.forEach(out::println);
        int failed = checklist.count(CheckStatus.FAILED);
        int warnings = checklist.count(CheckStatus.WARNING);
        int passed = checklist.count(CheckStatus.PASSED);
        if (failed > 0) {
            out.println("Verdict: NOT READY: " + Formats.count(failed, "check") + " failed, "
                    + Formats.count(warnings, "warning") + "; fix the [FAIL] lines above and run doctor again.");
            return ExitCode.NOT_READY;
        }
        out.println("Verdict: ready: " + Formats.count(passed, "check") + " passed, "
                + Formats.count(warnings, "warning") + ".");
        return ExitCode.SUCCESS;
    }
}
