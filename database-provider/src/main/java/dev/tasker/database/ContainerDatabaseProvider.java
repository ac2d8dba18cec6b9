package dev.tasker.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Databases in a PostgreSQL+pgmq container started through Testcontainers. Needs a reachable Docker engine; without
 * one, {@link #start(String)} fails at once with a message saying so. Each {@link #provision(DatabaseMode)} creates
 * fresh databases in the one container (split mode: two of them); the container is removed on {@link #close()}.
 */
public final class ContainerDatabaseProvider implements DatabaseProvider {

    /** The default image: PostgreSQL 18 with real pgmq, published by the pgmq project. */
    public static final String DEFAULT_IMAGE = "ghcr.io/pgmq/pg18-pgmq:v1.8.1";

    private final PostgreSQLContainer container;
    private final AtomicInteger provisioned = new AtomicInteger();

    private ContainerDatabaseProvider(PostgreSQLContainer container) {
        this.container = container;
    }

    /** True when Testcontainers can reach a Docker engine. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Starts a container from {@code image} (a PostgreSQL image with the pgmq extension available).
     *
     * @throws DatabaseProviderException when no Docker engine is reachable or the container does not start
     */
    public static ContainerDatabaseProvider start(String image) {
        if (!dockerAvailable()) {
            throw new DatabaseProviderException("The testcontainers provider needs a Docker engine, and none is "
                    + "reachable (checked DOCKER_HOST, the Docker socket and ~/.testcontainers.properties). Use "
                    + "-Dtasker.db.provider=embedded (the default) or external.");
        }
        DockerImageName imageName;
        try {
            imageName = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        } catch (IllegalArgumentException e) {
            throw new DatabaseProviderException("Invalid container image name '" + image + "': " + e.getMessage(), e);
        }
        PostgreSQLContainer container = new PostgreSQLContainer(imageName);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new DatabaseProviderException("Cannot start container image " + image + ": " + e.getMessage(), e);
        }
        return new ContainerDatabaseProvider(container);
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.TESTCONTAINERS;
    }

    @Override
    public ProvisionedDatabases provision(DatabaseMode mode) {
        String prefix = "t" + provisioned.incrementAndGet() + "_";
        return switch (mode) {
            case SINGLE -> ProvisionedDatabases.single(createDatabase(prefix + "single"));
            case SPLIT -> ProvisionedDatabases.split(createDatabase(prefix + "tasker"), createDatabase(prefix + "pgmq"));
        };
    }

    private DatabaseEndpoint createDatabase(String name) {
        DatabaseEndpoint admin = DatabaseEndpoint.of(container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), container.getDatabaseName(),
                container.getUsername(), container.getPassword());
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + EmbeddedPostgresServer.quoteIdentifier(name));
        } catch (SQLException e) {
            throw new DatabaseProviderException("Cannot create database '" + name + "' in the container: "
                    + e.getMessage(), e);
        }
        return admin.withDatabase(name);
    }

    @Override
    public void close() {
        container.close();
    }

    @Override
    public String toString() {
        return "testcontainers(" + container.getDockerImageName() + ")";
    }
}
