package dev.tasker.migrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configuration setting under its two spellings: the environment variable and the property name used in
 * system properties and configuration files.
 *
 * @param environmentName e.g. {@code DATABASE_POOL_MAX_CONNECTIONS}
 * @param propertyName    e.g. {@code tasker.database.pool.max-connections}
 */
public record ConfigKey(String environmentName, String propertyName) {

    /** The tasker (main) database URL. */
    public static final ConfigKey DATABASE_URL = new ConfigKey("DATABASE_URL", "tasker.database.url");
    /** The PGMQ database URL; unset, blank or equal to {@link #DATABASE_URL} means single mode. */
    public static final ConfigKey PGMQ_DATABASE_URL = new ConfigKey("PGMQ_DATABASE_URL", "tasker.pgmq-database.url");

    public ConfigKey {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(propertyName, "propertyName");
    }

    /**
     * The key of one pool setting, e.g. {@code PGMQ_DATABASE_POOL_MAX_LIFETIME} /
     * {@code tasker.pgmq-database.pool.max-lifetime}.
     */
    public static ConfigKey pool(PoolRole role, PoolField field) {
        String environmentPrefix = role == PoolRole.TASKER ? "DATABASE_POOL_" : "PGMQ_DATABASE_POOL_";
        String propertyPrefix = role == PoolRole.TASKER ? "tasker.database.pool." : "tasker.pgmq-database.pool.";
        return new ConfigKey(environmentPrefix + field.name(), propertyPrefix + field.propertyName());
    }

    /** Every key, URLs first, then the tasker pool's and the PGMQ pool's settings. */
    public static List<ConfigKey> all() {
        List<ConfigKey> keys = new ArrayList<>(List.of(DATABASE_URL, PGMQ_DATABASE_URL));
        for (PoolRole role : PoolRole.values()) {
            for (PoolField field : PoolField.values()) {
                keys.add(pool(role, field));
            }
        }
        return List.copyOf(keys);
    }
}
