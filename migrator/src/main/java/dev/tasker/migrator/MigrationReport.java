package dev.tasker.migrator;

import dev.tasker.database.DatabaseMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Migrator#migrate()}, {@link Migrator#dryRun()} or {@link Migrator#info()}: one report per
 * set, tasker first.
 *
 * @param mode     single or split
 * @param sets     both sets' reports, in {@link MigrationSet} order
 * @param duration how long the whole run took
 */
public record MigrationReport(DatabaseMode mode, List<SetReport> sets, Duration duration) {

    public MigrationReport {
        Objects.requireNonNull(mode, "mode");
        sets = List.copyOf(sets);
        Objects.requireNonNull(duration, "duration");
    }

    /** True when no set failed. */
    public boolean succeeded() {
        return sets.stream().allMatch(SetReport::succeeded);
    }

    /**
     * The report of set {@code s}.
     *
     * @throws IllegalArgumentException when the report has none for it
     */
    public SetReport set(MigrationSet s) {
        return sets.stream().filter(report -> report.set() == s).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no report for the " + s.label() + " set"));
    }
}
