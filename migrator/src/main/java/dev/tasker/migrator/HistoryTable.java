package dev.tasker.migrator;

import java.util.List;
import java.util.Objects;

/**
 * One of the migrator's history tables as found in a database.
 *
 * @param set            the set it belongs to
 * @param versions       the versions recorded as successful, in order
 * @param failedVersions the versions recorded as failed
 */
public record HistoryTable(MigrationSet set, List<String> versions, List<String> failedVersions) {

    public HistoryTable {
        Objects.requireNonNull(set, "set");
        versions = List.copyOf(versions);
        failedVersions = List.copyOf(failedVersions);
    }

    /** The table's name. */
    public String table() {
        return set.historyTable();
    }

    /** True when the table records no version at all (it may have been created empty). */
    public boolean empty() {
        return versions.isEmpty() && failedVersions.isEmpty();
    }
}
