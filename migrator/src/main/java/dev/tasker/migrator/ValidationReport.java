package dev.tasker.migrator;

import dev.tasker.database.DatabaseMode;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Migrator#validate()}: per set, the checksums of recorded versions against the files and
 * the recorded versions the files no longer have.
 *
 * @param mode single or split
 * @param sets one validation per set, tasker first
 */
public record ValidationReport(DatabaseMode mode, List<SetValidation> sets) {

    public ValidationReport {
        Objects.requireNonNull(mode, "mode");
        sets = List.copyOf(sets);
    }

    /** True when every set is valid. */
    public boolean valid() {
        return sets.stream().allMatch(SetValidation::valid);
    }
}
