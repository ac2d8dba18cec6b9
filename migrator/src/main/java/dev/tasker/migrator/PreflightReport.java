package dev.tasker.migrator;

import dev.tasker.database.DatabaseMode;
import java.util.List;
import java.util.Objects;

/**
 * Every preflight check of every database, in the order made (tasker database first).
 *
 * @param mode   single or split
 * @param checks the checks, each database's checks together
 */
public record PreflightReport(DatabaseMode mode, List<PreflightCheck> checks) {

    public PreflightReport {
        Objects.requireNonNull(mode, "mode");
        checks = List.copyOf(checks);
    }

    /** True when no check failed (warnings allowed). */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** The failed checks, in order. */
    public List<PreflightCheck> failures() {
        return checks.stream().filter(PreflightCheck::failed).toList();
    }

    /** The checks with a warning, in order. */
    public List<PreflightCheck> warnings() {
        return checks.stream().filter(check -> check.status() == CheckStatus.WARNING).toList();
    }
}
