package dev.tasker.spring.boot;

import dev.tasker.migrator.ConfigKey;
import dev.tasker.migrator.ConfigurationException;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigratorConfiguration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The migrator's configuration ({@link MigratorConfiguration}) read from a Spring {@link Environment} with the
 * migrator's precedence: the process environment ({@code DATABASE_URL}, {@code PGMQ_DATABASE_URL},
 * {@code DATABASE_POOL_MAX_CONNECTIONS}, ...) first, then the {@code tasker.database.*} and
 * {@code tasker.pgmq-database.*} properties from any other Spring property source (application properties, system
 * properties, test properties), then the file named by {@code tasker.config}. Errors are the migrator's
 * ({@link ConfigurationException}, naming key and source; unknown keys under those prefixes are refused).
 */
public final class SpringMigratorConfiguration {

    private SpringMigratorConfiguration() {
    }

    /** The configuration {@code environment} describes. */
    public static MigratorConfiguration load(Environment environment) {
        Map<String, String> processEnvironment = new HashMap<>();
        Properties properties = new Properties();
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                boolean systemEnvironment =
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
                if (systemEnvironment) {
                    for (ConfigKey key : ConfigKey.all()) {
                        Object value = source.getProperty(key.environmentName());
                        if (value != null) {
                            processEnvironment.put(key.environmentName(), value.toString());
                        }
                    }
                } else if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (ours(name) && !properties.containsKey(name)) {
                            String value = environment.getProperty(name);
                            if (value != null) {
                                properties.setProperty(name, value);
                            }
                        }
                    }
                }
            }
        } else {
            ConfigKey.all().forEach(key -> {
                String value = environment.getProperty(key.propertyName());
                if (value != null) {
                    properties.setProperty(key.propertyName(), value);
                }
            });
        }
        return MigratorConfiguration.load(processEnvironment, properties, Optional.empty());
    }

    /**
     * The database settings of {@code environment}.
     *
     * @throws ConfigurationException when no tasker database URL is configured, or a setting is malformed
     */
    public static DatabaseSettings databaseSettings(Environment environment) {
        return load(environment).databaseSettings().orElseThrow(() -> new ConfigurationException(
                "No tasker database is configured: set DATABASE_URL (or the property tasker.database.url) to the"
                        + " tasker database, and PGMQ_DATABASE_URL (tasker.pgmq-database.url) for a separate PGMQ"
                        + " database, or define a DatabasePools bean"));
    }

    private static boolean ours(String name) {
        return name.startsWith("tasker.database.") || name.startsWith("tasker.pgmq-database.")
                || name.equals(MigratorConfiguration.CONFIG_FILE_PROPERTY);
    }
}
