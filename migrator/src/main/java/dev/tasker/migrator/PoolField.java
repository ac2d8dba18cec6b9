package dev.tasker.migrator;

import java.util.Locale;

/** The five settings of a connection pool, as they appear in configuration keys. */
public enum PoolField {
    /** The most connections the pool opens (a whole number). */
    MAX_CONNECTIONS,
    /** The idle connections the pool keeps (a whole number). */
    MIN_CONNECTIONS,
    /** How long a caller waits for a connection (a duration). */
    ACQUIRE_TIMEOUT,
    /** How long a surplus connection may sit idle (a duration). */
    IDLE_TIMEOUT,
    /** How long any connection lives (a duration). */
    MAX_LIFETIME;

    /** The property spelling, e.g. {@code max-connections}. */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the three timeouts, false for the two connection counts. */
    public boolean isDuration() {
        return this != MAX_CONNECTIONS && this != MIN_CONNECTIONS;
    }
}
