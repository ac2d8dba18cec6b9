package dev.tasker.migrator;

/** Where one version of a set stands in its database. */
public enum VersionState {
    /** Applied by this migrator (recorded in the set's history). */
    APPLIED,
    /** Recorded from upstream's {@code _sqlx_migrations} without running it (the database was migrated upstream). */
    ADOPTED,
    /** Not applied yet. */
    PENDING,
    /** Applying it failed. */
    FAILED
}
