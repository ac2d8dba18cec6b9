package dev.tasker.dao.tasker.registry;

import java.util.UUID;
import org.jooq.JSONB;

/**
 * What {@link NamedTaskDao#findOrCreate(NewNamedTask)} needs: the namespace, name and version (the natural key;
 * version null means the column default {@value #DEFAULT_VERSION}), and for a new row its description and
 * configuration (either may be null; configuration null means the column default {@code {}}).
 */
public record NewNamedTask(UUID namespaceUuid, String name, String version, String description,
        JSONB configuration) {

    /** The column default of {@code tasker_named_tasks.version}. */
    public static final String DEFAULT_VERSION = "0.1.0";

    /** A named task {@code name} at {@code version} in {@code namespaceUuid}, no description or configuration. */
    public static NewNamedTask of(UUID namespaceUuid, String name, String version) {
        return new NewNamedTask(namespaceUuid, name, version, null, null);
    }

    /** This with {@code configuration}. */
    public NewNamedTask withConfiguration(JSONB newConfiguration) {
        return new NewNamedTask(namespaceUuid, name, version, description, newConfiguration);
    }

    /** This with {@code description}. */
    public NewNamedTask withDescription(String newDescription) {
        return new NewNamedTask(namespaceUuid, name, version, newDescription, configuration);
    }

    /** The version to store: {@link #version()} or the default. */
    String effectiveVersion() {
        return version == null ? DEFAULT_VERSION : version;
    }
}
