package dev.tasker.migrator;

/**
 * The configuration is unusable: a malformed URL or pool setting, an unreadable configuration file, or settings
 * that contradict each other. The message names the key and where it came from, never a password.
 */
public class ConfigurationException extends MigratorException {

    /** An exception whose message names the offending key, its source and what was expected. */
    public ConfigurationException(String message) {
        super(message);
    }

    /** The same, keeping the cause. */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
