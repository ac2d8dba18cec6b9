package dev.tasker.migrator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a set and its state.
 *
 * @param version     the version, e.g. {@code 20250810140000}
 * @param description its description, e.g. {@code uuid v7 initial schema}
 * @param state       applied, adopted, pending or failed
 * @param installedOn when it was recorded; empty unless applied or adopted
 */
public record VersionStatus(String version, String description, VersionState state, Optional<Instant> installedOn) {

    public VersionStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(installedOn, "installedOn");
    }

    /** True when recorded in the history, by running it or by adopting it. */
    public boolean recorded() {
        return state == VersionState.APPLIED || state == VersionState.ADOPTED;
    }
}
