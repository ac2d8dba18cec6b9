package dev.tasker.migrator.cli;

import dev.tasker.migrator.CheckStatus;
import dev.tasker.migrator.PreflightCheck;
import dev.tasker.migrator.PreflightReport;
import java.util.EnumMap;
import java.util.Map;

/** Checks printed one per line as {@code [ok]}, {@code [warn]} or {@code [FAIL]}, database, check and detail. */
final class Checklist {

    private final TextTable table = TextTable.withoutHeaders(4);
    private final Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);

    /** A checklist of the given preflight checks. */
    static Checklist of(Iterable<PreflightCheck> checks) {
        Checklist checklist = new Checklist();
        checks.forEach(checklist::add);
        return checklist;
    }

    /** A checklist of every check in {@code report}. */
    static Checklist of(PreflightReport report) {
        return of(report.checks());
    }

    /** Adds a preflight check. */
    Checklist add(PreflightCheck check) {
        return add(check.status(), check.database().label(), check.name(), check.detail());
    }

    /** Adds a check. */
    Checklist add(CheckStatus status, String database, String name, String detail) {
        table.row(marker(status), database, name, detail);
        counts.merge(status, 1, Integer::sum);
        return this;
    }

    /** How many checks had {@code status}. */
    int count(CheckStatus status) {
        return counts.getOrDefault(status, 0);
    }

    /** True when no check was added. */
    boolean isEmpty() {
        return table.isEmpty();
    }

    /** The lines. */
    String render() {
        return table.render();
    }

    /** {@code [ok]}, {@code [warn]} or {@code [FAIL]}. */
    static String marker(CheckStatus status) {
        return switch (status) {
            case PASSED -> "[ok]";
            case WARNING -> "[warn]";
            case FAILED -> "[FAIL]";
        };
    }
}
