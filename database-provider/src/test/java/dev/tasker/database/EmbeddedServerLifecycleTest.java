package dev.tasker.database;

import static dev.tasker.database.EmbeddedDatabaseProviderTest.execute;
import static dev.tasker.database.EmbeddedDatabaseProviderTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent reuse and the startup error paths of the embedded server. */
class EmbeddedServerLifecycleTest {

    @TempDir
    Path temporary;

    @Test
    void aPersistentDirectoryIsReusedByTheNextStart() throws SQLException {
        Path dataDirectory = temporary.resolve("cluster");
        try (EmbeddedDatabaseProvider first = EmbeddedDatabaseProvider.persistent(dataDirectory)) {
            ProvisionedDatabases databases = first.provision(DatabaseMode.SPLIT);
            assertThat(databases.tasker().database()).isEqualTo(EmbeddedDatabaseProvider.SPLIT_TASKER_DATABASE);
            assertThat(databases.pgmq().database()).isEqualTo(EmbeddedDatabaseProvider.SPLIT_PGMQ_DATABASE);
            try (Connection connection = databases.tasker().connect()) {
                execute(connection, "CREATE TABLE survives_restart (id int)");
                execute(connection, "INSERT INTO survives_restart VALUES (42)");
            }
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        try (EmbeddedDatabaseProvider second = EmbeddedDatabaseProvider.persistent(dataDirectory)) {
            ProvisionedDatabases databases = second.provision(DatabaseMode.SPLIT);
            try (Connection connection = databases.tasker().connect()) {
                assertThat(text(connection, "SELECT id FROM survives_restart")).isEqualTo("42");
            }
            assertThat(second.provision(DatabaseMode.SINGLE).tasker().database())
                    .isEqualTo(EmbeddedDatabaseProvider.SINGLE_DATABASE);
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
    }

    @Test
    void aThrowawayServerDeletesItsClusterOnClose() {
        Path dataDirectory;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(EmbeddedServerOptions.throwaway())) {
            assertThat(server.options().persistent()).isFalse();
            dataDirectory = dataDirectoryOf(server);
            assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        }
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void theExtensionComesFromADirectoryOfTheServersOwnThatCloseDeletes() throws SQLException {
        Path extensionRoot;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(EmbeddedServerOptions.throwaway());
             Connection connection = server.endpoint("postgres").connect()) {
            String path = text(connection, "SHOW extension_control_path");
            extensionRoot = Path.of(path.substring(0, path.lastIndexOf(java.io.File.pathSeparator)));
            assertThat(path).endsWith("$system");
            assertThat(extensionRoot.resolve("extension").resolve("pgmq.control")).exists();
            assertThat(text(connection, "SELECT comment FROM pg_available_extensions WHERE name = 'pgmq'"))
                    .contains("tasker-data pgmq-compatible");
            assertThat(text(connection, "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'"))
                    .as("the system extension directory is still searched").isEqualTo("1");
        }
        assertThat(extensionRoot).doesNotExist();
    }

    @Test
    void aDirectoryInUseByAnotherServerIsRefusedClearly() {
        Path dataDirectory = temporary.resolve("busy");
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(EmbeddedServerOptions.persistent(dataDirectory))) {
            assertThat(running.port()).isPositive();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(EmbeddedServerOptions.persistent(dataDirectory)))
                    .isInstanceOf(DatabaseProviderException.class)
                    .hasMessageContaining("Cannot start the embedded PostgreSQL server")
                    .hasMessageContaining(dataDirectory.toString())
                    .hasMessageContaining("in use by another embedded server");
        }
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = occupied.getLocalPort();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(EmbeddedServerOptions.throwaway().withPort(port)))
                    .isInstanceOf(DatabaseProviderException.class)
                    .hasMessageContaining("port " + port + " is already in use");
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsNamed() throws IOException {
        Path file = Files.writeString(temporary.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(EmbeddedServerOptions.persistent(file)))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("data directory " + file);
    }

    @Test
    void missingBinariesAreNamed() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(EmbeddedServerOptions.throwaway(),
                (system, machineHardware) -> null))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("no PostgreSQL binaries for this platform")
                .hasMessageContaining(System.getProperty("os.arch"));
    }

    @Test
    void anOutOfRangePortIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> EmbeddedServerOptions.throwaway().withPort(70_000))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("70000");
    }

    private static Path dataDirectoryOf(EmbeddedPostgresServer server) {
        try (Connection connection = server.endpoint("postgres").connect()) {
            return Path.of(text(connection, "SHOW data_directory"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
