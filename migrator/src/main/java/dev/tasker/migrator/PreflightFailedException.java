package dev.tasker.migrator;

import dev.tasker.database.DatabaseMode;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@link Migrator#migrate()} refused to start: the preflight found problems. Nothing was changed. */
public class PreflightFailedException extends MigratorException {

    private final transient PreflightReport report;

    /** An exception whose message lists every failed check of {@code report}. */
    public PreflightFailedException(PreflightReport report) {
        super(message(Objects.requireNonNull(report, "report")));
        this.report = report;
    }

    /** The whole preflight report, passed checks included. */
    public PreflightReport report() {
        return report;
    }

    private static String message(PreflightReport report) {
        int failures = report.failures().size();
        return "Preflight failed with " + failures + (failures == 1 ? " problem" : " problems")
                + "; nothing was changed:" + report.failures().stream()
                .map(check -> System.lineSeparator() + "  - " + where(report, check) + check.name() + ": "
                        + check.detail())
                .collect(Collectors.joining());
    }

    private static String where(PreflightReport report, PreflightCheck check) {
        return report.mode() == DatabaseMode.SINGLE ? "" : check.database().label() + " database, ";
    }
}
