package dev.tasker.migrator;

import dev.tasker.database.DatabaseProviderException;
import dev.tasker.database.PostgresUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The migrator's configuration: the two database URLs and both pools' settings, each looked up in
 * <ol>
 *   <li>the environment ({@code DATABASE_URL}, {@code DATABASE_POOL_MAX_CONNECTIONS}, ...),</li>
 *   <li>the Java system properties ({@code tasker.database.url},
 *       {@code tasker.database.pool.max-connections}, ...),</li>
 *   <li>a properties file with the same keys as the system properties, named by {@code --config FILE} or
 *       {@code -Dtasker.config=FILE},</li>
 * </ol>
 * in that order: the first place that has a non-blank value wins. Settings found nowhere take upstream's defaults
 * ({@link PoolSettings#TASKER_DEFAULTS} for the tasker pool, {@link PoolSettings#PGMQ_DEFAULTS} for the PGMQ pool).
 * See {@link ConfigKey#all()} for every key.
 *
 * <p>When no {@code DATABASE_URL} is configured anywhere, {@link #databaseSettings()} is empty: the caller decides
 * what that means (the CLI refuses with exit 3 unless {@code --embedded} is given). Passwords are never printed:
 * {@link #toString()} and every error message mask them. Misspelled settings are refused, never ignored.
 */
public final class MigratorConfiguration {

    /** The system property naming a configuration file. */
    public static final String CONFIG_FILE_PROPERTY = "tasker.config";

    private final List<ConfiguredValue> configured;
    private final Optional<Path> configFile;
    private final PoolSettings taskerPool;
    private final PoolSettings pgmqPool;
    private final Optional<DatabaseSettings> databaseSettings;

    private MigratorConfiguration(List<ConfiguredValue> configured, Optional<Path> configFile, PoolSettings taskerPool,
                                  PoolSettings pgmqPool, Optional<DatabaseSettings> databaseSettings) {
        this.configured = List.copyOf(configured);
        this.configFile = configFile;
        this.taskerPool = taskerPool;
        this.pgmqPool = pgmqPool;
        this.databaseSettings = databaseSettings;
    }

    /** Loads from this process's environment and system properties, and the file if one is named. */
    public static MigratorConfiguration fromSystem(Optional<Path> configFile) {
        return load(System.getenv(), System.getProperties(), configFile);
    }

    /**
     * Loads from the given environment and system properties.
     *
     * @param environment      environment variables
     * @param systemProperties system properties; {@value #CONFIG_FILE_PROPERTY} names a file when
     *                         {@code configFile} is empty
     * @param configFile       a file named on the command line ({@code --config}); it wins over
     *                         {@value #CONFIG_FILE_PROPERTY}
     * @throws ConfigurationException naming the key and its source when a value is malformed, the file cannot be
     *                                read, a property key is unknown, or a PGMQ URL is set without a main URL
     */
    public static MigratorConfiguration load(Map<String, String> environment, Properties systemProperties,
                                             Optional<Path> configFile) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(configFile, "configFile");
        List<ConfigLayer> layers = new ArrayList<>(List.of(ConfigLayer.environment(environment),
                ConfigLayer.systemProperties(systemProperties)));
        Optional<Path> file = configFile.isPresent() ? configFile
                : Optional.ofNullable(systemProperties.getProperty(CONFIG_FILE_PROPERTY))
                .filter(name -> !name.isBlank()).map(name -> Path.of(name.strip()));
        file.ifPresent(path -> layers.add(ConfigLayer.file(path,
                configFile.isPresent() ? "--config" : "-D" + CONFIG_FILE_PROPERTY)));
        layers.forEach(ConfigLayer::requireKnownKeys);

        List<ConfiguredValue> configured = ConfigKey.all().stream()
                .flatMap(key -> layers.stream().flatMap(layer -> layer.find(key).stream()).limit(1))
                .toList();
        PoolSettings taskerPool = pool(PoolRole.TASKER, PoolSettings.TASKER_DEFAULTS, configured);
        PoolSettings pgmqPool = pool(PoolRole.PGMQ, PoolSettings.PGMQ_DEFAULTS, configured);
        Optional<DatabaseSettings> settings = databaseSettings(configured, taskerPool, pgmqPool);
        return new MigratorConfiguration(configured, file, taskerPool, pgmqPool, settings);
    }

    /** The databases and pools, or empty when no {@code DATABASE_URL} is configured anywhere. */
    public Optional<DatabaseSettings> databaseSettings() {
        return databaseSettings;
    }

    /** True when a {@code DATABASE_URL} is configured. */
    public boolean urlConfigured() {
        return databaseSettings.isPresent();
    }

    /** The tasker pool's settings (configured values over upstream's defaults). */
    public PoolSettings taskerPool() {
        return taskerPool;
    }

    /** The PGMQ pool's settings (configured values over upstream's defaults). */
    public PoolSettings pgmqPool() {
        return pgmqPool;
    }

    /** The value that won for {@code key}, if any layer had one. */
    public Optional<ConfiguredValue> value(ConfigKey key) {
        return find(configured, key);
    }

    /** The properties file that was read, if any. */
    public Optional<Path> configFile() {
        return configFile;
    }

    @Override
    public String toString() {
        return "MigratorConfiguration(" + databaseSettings.map(DatabaseSettings::toString).orElse("no URL configured")
                + "; configured: " + (configured.isEmpty() ? "nothing"
                : configured.stream().map(ConfiguredValue::toString).collect(Collectors.joining(", "))) + ")";
    }

    private static Optional<DatabaseSettings> databaseSettings(List<ConfiguredValue> configured,
                                                               PoolSettings taskerPool, PoolSettings pgmqPool) {
        Optional<ConfiguredValue> main = find(configured, ConfigKey.DATABASE_URL);
        Optional<ConfiguredValue> pgmq = find(configured, ConfigKey.PGMQ_DATABASE_URL);
        main.ifPresent(MigratorConfiguration::requireValidUrl);
        pgmq.ifPresent(MigratorConfiguration::requireValidUrl);
        if (main.isEmpty()) {
            pgmq.ifPresent(value -> {
                throw new ConfigurationException(value.origin() + " is set but DATABASE_URL is not: set DATABASE_URL "
                        + "(or tasker.database.url) to the tasker database as well, or unset " + value.name()
                        + " to use the embedded server");
            });
            return Optional.empty();
        }
        return Optional.of(DatabaseSettings.fromUrls(main.get().value(), pgmq.map(ConfiguredValue::value).orElse(""),
                taskerPool, pgmqPool));
    }

    private static void requireValidUrl(ConfiguredValue value) {
        try {
            PostgresUrls.parse(value.origin(), value.value());
        } catch (DatabaseProviderException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static PoolSettings pool(PoolRole role, PoolSettings defaults, List<ConfiguredValue> configured) {
        int max = find(configured, ConfigKey.pool(role, PoolField.MAX_CONNECTIONS))
                .map(PoolSettingValues::wholeNumber).orElse(defaults.maxConnections());
        int min = find(configured, ConfigKey.pool(role, PoolField.MIN_CONNECTIONS))
                .map(PoolSettingValues::wholeNumber).orElse(defaults.minConnections());
        Duration acquire = duration(configured, role, PoolField.ACQUIRE_TIMEOUT, defaults.acquireTimeout());
        Duration idle = duration(configured, role, PoolField.IDLE_TIMEOUT, defaults.idleTimeout());
        Duration lifetime = duration(configured, role, PoolField.MAX_LIFETIME, defaults.maxLifetime());
        try {
            return new PoolSettings(max, min, acquire, idle, lifetime);
        } catch (MigratorException e) {
            List<String> ours = Arrays.stream(PoolField.values())
                    .flatMap(field -> find(configured, ConfigKey.pool(role, field)).stream())
                    .map(ConfiguredValue::toString)
                    .toList();
            throw new ConfigurationException("The " + role.label() + " pool settings are invalid: " + e.getMessage()
                    + " (configured: " + (ours.isEmpty() ? "nothing, all defaults" : String.join(", ", ours))
                    + "; other values are upstream's defaults)", e);
        }
    }

    private static Duration duration(List<ConfiguredValue> configured, PoolRole role, PoolField field,
                                     Duration fallback) {
        return find(configured, ConfigKey.pool(role, field)).map(PoolSettingValues::duration).orElse(fallback);
    }

    private static Optional<ConfiguredValue> find(List<ConfiguredValue> configured, ConfigKey key) {
        return configured.stream().filter(value -> value.key().equals(key)).findFirst();
    }
}
