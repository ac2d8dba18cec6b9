package dev.tasker.migrator;

import java.util.Objects;

/**
 * One row of upstream's (sqlx's) {@code _sqlx_migrations} table.
 *
 * @param version     the version, e.g. {@code 20250810140000}
 * @param description the description sqlx recorded
 * @param success     whether sqlx recorded it as successful
 */
public record UpstreamVersion(long version, String description, boolean success) {

    public UpstreamVersion {
        Objects.requireNonNull(description, "description");
    }

    /** The version as text, the way the migrator's sets spell versions. */
    public String versionText() {
        return Long.toString(version);
    }
}
