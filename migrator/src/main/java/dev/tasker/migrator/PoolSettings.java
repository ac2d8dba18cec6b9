package dev.tasker.migrator;

import java.time.Duration;
import java.util.Objects;

/**
 * The size and timeouts of one connection pool.
 *
 * @param maxConnections the most connections the pool opens
 * @param minConnections the idle connections the pool keeps open
 * @param acquireTimeout how long a caller waits for a connection before failing
 * @param idleTimeout    how long a connection above the minimum may sit idle before it is closed
 * @param maxLifetime    how long any connection lives before it is replaced
 */
public record PoolSettings(int maxConnections, int minConnections, Duration acquireTimeout, Duration idleTimeout,
                           Duration maxLifetime) {

    /** HikariCP refuses acquire timeouts below this. */
    public static final Duration MIN_ACQUIRE_TIMEOUT = Duration.ofMillis(250);
    /** HikariCP refuses connection lifetimes below this. */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(30);

    /** Upstream's main pool: max 25, min 5, acquire 10 s, idle 300 s, lifetime 1800 s. */
    public static final PoolSettings TASKER_DEFAULTS =
            new PoolSettings(25, 5, Duration.ofSeconds(10), Duration.ofSeconds(300), Duration.ofSeconds(1800));

    /** Upstream's PGMQ pool: max 15, min 3, acquire 5 s, idle 300 s, lifetime 1800 s. */
    public static final PoolSettings PGMQ_DEFAULTS =
            new PoolSettings(15, 3, Duration.ofSeconds(5), Duration.ofSeconds(300), Duration.ofSeconds(1800));

    /** Upstream's test-environment PGMQ pool: max 10, min 1, acquire 5 s, idle 60 s, lifetime 3600 s. */
    public static final PoolSettings PGMQ_TEST_DEFAULTS =
            new PoolSettings(10, 1, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(3600));

    /**
     * @throws MigratorException naming the setting that is out of range
     */
    public PoolSettings {
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (maxConnections < 1) {
            throw new MigratorException("max connections must be at least 1, got " + maxConnections);
        }
        if (minConnections < 0 || minConnections > maxConnections) {
            throw new MigratorException("min connections must be between 0 and max connections (" + maxConnections
                    + "), got " + minConnections);
        }
        if (acquireTimeout.compareTo(MIN_ACQUIRE_TIMEOUT) < 0) {
            throw new MigratorException("acquire timeout must be at least " + MIN_ACQUIRE_TIMEOUT.toMillis()
                    + " ms, got " + acquireTimeout.toMillis() + " ms");
        }
        if (idleTimeout.isNegative()) {
            throw new MigratorException("idle timeout must not be negative, got " + idleTimeout.toMillis() + " ms");
        }
        if (maxLifetime.compareTo(MIN_LIFETIME) < 0) {
            throw new MigratorException("max lifetime must be at least " + MIN_LIFETIME.toSeconds() + " s, got "
                    + maxLifetime.toMillis() + " ms");
        }
    }

    /** A short description, e.g. {@code max 25, min 5, acquire 10s, idle 300s, lifetime 1800s}. */
    public String describe() {
        return "max " + maxConnections + ", min " + minConnections + ", acquire " + seconds(acquireTimeout)
                + ", idle " + seconds(idleTimeout) + ", lifetime " + seconds(maxLifetime);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
