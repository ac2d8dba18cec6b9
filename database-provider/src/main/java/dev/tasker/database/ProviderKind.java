package dev.tasker.database;

import java.util.Locale;

/** Where the PostgreSQL server comes from. */
public enum ProviderKind {
    /** A zonky embedded PostgreSQL 18 server with tasker-data's pgmq-compatible extension installed. */
    EMBEDDED,
    /** Servers the caller names by URL ({@code DATABASE_URL}, {@code PGMQ_DATABASE_URL}). */
    EXTERNAL,
    /** A PostgreSQL+pgmq container image started through Testcontainers (needs Docker). */
    TESTCONTAINERS;

    /** The lower-case name used on command lines and in properties. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code embedded}, {@code external} or {@code testcontainers} (any case).
     *
     * @throws DatabaseProviderException naming the bad value and the accepted ones
     */
    public static ProviderKind parse(String text) {
        return EnumLabels.parse(ProviderKind.class, "database provider", text);
    }
}
