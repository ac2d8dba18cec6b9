package dev.tasker.database;

import java.util.Locale;

/** Where the two migration sets live: one shared database, or a separate PGMQ database. */
public enum DatabaseMode {
    /** One database holds both the tasker set and the PGMQ set. */
    SINGLE,
    /** The tasker set and the PGMQ set (with every queue) live in two different databases. */
    SPLIT;

    /** The lower-case name used on command lines and in properties ({@code single}, {@code split}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code single} or {@code split} (any case, surrounding blanks ignored).
     *
     * @throws DatabaseProviderException naming the bad value and the accepted ones
     */
    public static DatabaseMode parse(String text) {
        return EnumLabels.parse(DatabaseMode.class, "database mode", text);
    }
}
