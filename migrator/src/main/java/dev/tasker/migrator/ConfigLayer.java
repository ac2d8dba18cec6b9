package dev.tasker.migrator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One place configuration comes from: the environment (keys spelled as environment variables), the system
 * properties or a properties file (keys spelled as properties).
 *
 * @param source            a description for messages, e.g. {@code environment}
 * @param values            the raw entries
 * @param environmentNames  true when the keys are spelled as environment variables
 * @param file              true for a config file (which may hold nothing but settings)
 */
record ConfigLayer(String source, Map<String, String> values, boolean environmentNames, boolean file) {

    ConfigLayer {
        values = Map.copyOf(values);
    }

    static ConfigLayer environment(Map<String, String> environment) {
        return new ConfigLayer("environment", environment, true, false);
    }

    static ConfigLayer systemProperties(Properties properties) {
        return new ConfigLayer("system property", toMap(properties), false, false);
    }

    /**
     * Reads a properties file (UTF-8).
     *
     * @param how how the file was named, e.g. {@code --config}, for messages
     * @throws ConfigurationException when the file is missing, unreadable or malformed
     */
    static ConfigLayer file(Path file, String how) {
        String source = "config file " + file;
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("The config file " + file + " (given by " + how + ") does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("The config file " + file + " (given by " + how
                    + ") cannot be read: " + e.getMessage(), e);
        }
        return new ConfigLayer(source, toMap(properties), false, true);
    }

    /** The non-blank value of {@code key} in this layer. */
    Optional<ConfiguredValue> find(ConfigKey key) {
        String name = environmentNames ? key.environmentName() : key.propertyName();
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ConfiguredValue(key, name, value.strip(), source));
    }

    /**
     * Refuses keys that look like settings but name none, so that a typo is never ignored silently: in the system
     * properties an unknown key under {@code tasker.}, in a config file any key that is not a setting (including
     * environment-style names such as {@code DATABASE_URL}). Environment layers are not checked: the environment is
     * shared with other programs. See {@link UnknownKeys}.
     *
     * @throws ConfigurationException naming the key, where it came from and the closest setting
     */
    void requireKnownKeys() {
        if (environmentNames) {
            return;
        }
        for (String name : values.keySet()) {
            Optional<String> problem = file ? UnknownKeys.inConfigFile(name, source)
                    : UnknownKeys.inSystemProperties(name);
            problem.ifPresent(text -> {
                throw new ConfigurationException(text);
            });
        }
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
