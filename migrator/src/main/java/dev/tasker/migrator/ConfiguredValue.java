package dev.tasker.migrator;

import dev.tasker.database.PostgresUrls;
import java.util.Objects;

/**
 * A value found for a key, with the name it was found under and where.
 *
 * @param key    the setting
 * @param name   the spelling it was found under (environment variable or property name)
 * @param value  the raw text, stripped of surrounding blanks; may hold a password, so print it only masked
 * @param source where it came from, e.g. {@code environment}, {@code system property},
 *               {@code config file /etc/tasker.properties}
 */
public record ConfiguredValue(ConfigKey key, String name, String value, String source) {

    public ConfiguredValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** The name and the source, e.g. {@code DATABASE_POOL_MAX_CONNECTIONS (environment)}, for messages. */
    public String origin() {
        return name + " (" + source + ")";
    }

    /** The value with any password masked. */
    public String maskedValue() {
        return PostgresUrls.mask(value);
    }

    @Override
    public String toString() {
        return origin() + " = " + maskedValue();
    }
}
