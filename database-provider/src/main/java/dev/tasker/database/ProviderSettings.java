package dev.tasker.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which provider to build, read from system properties with environment fallbacks:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>environment</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code tasker.db.provider}</td><td></td><td>embedded, external or testcontainers</td><td>embedded</td></tr>
 *   <tr><td>{@code tasker.db.url}</td><td>{@code DATABASE_URL}</td><td>external tasker database</td><td></td></tr>
 *   <tr><td>{@code tasker.db.pgmq-url}</td><td>{@code PGMQ_DATABASE_URL}</td><td>external PGMQ database</td>
 *       <td>same as the tasker one</td></tr>
 *   <tr><td>{@code tasker.db.image}</td><td></td><td>Testcontainers image</td>
 *       <td>{@value ContainerDatabaseProvider#DEFAULT_IMAGE}</td></tr>
 *   <tr><td>{@code tasker.db.data-dir}</td><td></td><td>embedded data directory (persistent when set)</td>
 *       <td>throwaway</td></tr>
 * </table>
 *
 * @param kind            which provider
 * @param databaseUrl     the external tasker database URL
 * @param pgmqDatabaseUrl the external PGMQ database URL
 * @param containerImage  the Testcontainers image
 * @param dataDirectory   the embedded server's data directory
 */
public record ProviderSettings(ProviderKind kind, Optional<String> databaseUrl, Optional<String> pgmqDatabaseUrl,
                               String containerImage, Optional<Path> dataDirectory) {

    public static final String PROVIDER_PROPERTY = "tasker.db.provider";
    public static final String URL_PROPERTY = "tasker.db.url";
    public static final String PGMQ_URL_PROPERTY = "tasker.db.pgmq-url";
    public static final String IMAGE_PROPERTY = "tasker.db.image";
    public static final String DATA_DIRECTORY_PROPERTY = "tasker.db.data-dir";

    /** Reads this JVM's system properties and environment. */
    public static ProviderSettings fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    /** Reads the given properties, falling back to the given environment for the URLs. */
    public static ProviderSettings from(Properties properties, Map<String, String> environment) {
        ProviderKind kind = ProviderKind.parse(properties.getProperty(PROVIDER_PROPERTY, "embedded"));
        return new ProviderSettings(kind,
                setting(properties, URL_PROPERTY, environment, "DATABASE_URL"),
                setting(properties, PGMQ_URL_PROPERTY, environment, "PGMQ_DATABASE_URL"),
                nonBlank(properties.getProperty(IMAGE_PROPERTY)).orElse(ContainerDatabaseProvider.DEFAULT_IMAGE),
                nonBlank(properties.getProperty(DATA_DIRECTORY_PROPERTY)).map(Path::of));
    }

    /** Builds (and, for embedded and Testcontainers, starts) the provider these settings name. */
    public DatabaseProvider open() {
        return switch (kind) {
            case EMBEDDED -> EmbeddedDatabaseProvider.start(dataDirectory.map(EmbeddedServerOptions::persistent)
                    .orElseGet(EmbeddedServerOptions::throwaway));
            case EXTERNAL -> ExternalDatabaseProvider.of(databaseUrl.orElse(null), pgmqDatabaseUrl);
            case TESTCONTAINERS -> ContainerDatabaseProvider.start(containerImage);
        };
    }

    private static Optional<String> setting(Properties properties, String property, Map<String, String> environment,
                                            String variable) {
        return nonBlank(properties.getProperty(property)).or(() -> nonBlank(environment.get(variable)));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
