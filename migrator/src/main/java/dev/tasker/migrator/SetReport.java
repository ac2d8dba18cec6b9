package dev.tasker.migrator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one set looks like in its database after (or, for a dry run, before) a run.
 *
 * @param set          the set
 * @param databaseUrl  its database, password masked
 * @param versions     every version of the set (and any recorded version the files no longer have), in order
 * @param appliedNow   the versions this run applied; for a dry run, the versions a migrate would apply
 * @param adoptedNow   the versions this run adopted from {@code _sqlx_migrations}; for a dry run, the ones a
 *                     migrate would adopt
 * @param failure      why the set failed, naming the set, the version and the database; empty when it did not
 * @param duration     how long the set took
 */
public record SetReport(MigrationSet set, String databaseUrl, List<VersionStatus> versions, List<String> appliedNow,
                        List<String> adoptedNow, Optional<String> failure, Duration duration) {

    public SetReport {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        versions = List.copyOf(versions);
        appliedNow = List.copyOf(appliedNow);
        adoptedNow = List.copyOf(adoptedNow);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
    }

    /** The versions recorded in the history (applied or adopted). */
    public List<VersionStatus> applied() {
        return versions.stream().filter(VersionStatus::recorded).toList();
    }

    /** The versions not applied yet. */
    public List<VersionStatus> pending() {
        return inState(VersionState.PENDING);
    }

    /** The versions that failed. */
    public List<VersionStatus> failed() {
        return inState(VersionState.FAILED);
    }

    /** True when the set did not fail. */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    private List<VersionStatus> inState(VersionState state) {
        return versions.stream().filter(version -> version.state() == state).toList();
    }
}
