package dev.tasker.migrator;

import java.util.List;
import java.util.Objects;

/**
 * How one set's recorded history compares with the migration files.
 *
 * @param set         the set
 * @param databaseUrl its database, password masked
 * @param problems    each problem found, one sentence each; empty when the history matches the files
 */
public record SetValidation(MigrationSet set, String databaseUrl, List<String> problems) {

    public SetValidation {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        problems = List.copyOf(problems);
    }

    /** True when no problem was found. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
