package dev.tasker.database;

import static dev.tasker.database.EmbeddedDatabaseProviderTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The external provider, pointed at a real (embedded) server by URL. */
class ExternalDatabaseProviderTest {

    private static EmbeddedDatabaseProvider server;
    private static ProvisionedDatabases real;

    @BeforeAll
    static void start() {
        server = EmbeddedDatabaseProvider.throwaway();
        real = server.provision(DatabaseMode.SPLIT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String libpqUrl(DatabaseEndpoint endpoint) {
        return "postgresql://" + endpoint.user() + "@localhost:" + endpoint.port() + "/" + endpoint.database();
    }

    @Test
    void singleModeUsesTheMainDatabaseForBothSets() throws SQLException {
        try (ExternalDatabaseProvider provider = ExternalDatabaseProvider.of(libpqUrl(real.tasker()), Optional.empty())) {
            ProvisionedDatabases databases = provider.provision(DatabaseMode.SINGLE);

            assertThat(provider.kind()).isEqualTo(ProviderKind.EXTERNAL);
            assertThat(databases.pgmq()).isEqualTo(databases.tasker());
            try (Connection connection = databases.pgmq().connect()) {
                assertThat(text(connection, "SELECT current_database()")).isEqualTo(real.tasker().database());
            }
        }
    }

    @Test
    void splitModeUsesThePgmqUrlInEitherSpelling() throws SQLException {
        String pgmqJdbc = "jdbc:postgresql://localhost:" + real.pgmq().port() + "/" + real.pgmq().database()
                + "?user=" + real.pgmq().user();
        try (ExternalDatabaseProvider provider = ExternalDatabaseProvider.of(libpqUrl(real.tasker()), Optional.of(pgmqJdbc))) {
            ProvisionedDatabases databases = provider.provision(DatabaseMode.SPLIT);

            assertThat(databases.pgmqIsSeparate()).isTrue();
            try (Connection connection = databases.pgmq().connect()) {
                assertThat(text(connection, "SELECT current_database()")).isEqualTo(real.pgmq().database());
            }
        }
    }

    @Test
    void splitModeWithoutASeparatePgmqUrlIsRefused() {
        String url = libpqUrl(real.tasker());
        for (Optional<String> pgmqUrl : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of(url))) {
            assertThatThrownBy(() -> ExternalDatabaseProvider.of(url, pgmqUrl).provision(DatabaseMode.SPLIT))
                    .isInstanceOf(DatabaseProviderException.class)
                    .hasMessageContaining("Split mode needs PGMQ_DATABASE_URL");
        }
    }

    @Test
    void aMissingMainUrlIsNamed() {
        assertThatThrownBy(() -> ExternalDatabaseProvider.of(" ", Optional.empty()))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("needs DATABASE_URL");
    }

    @Test
    void aDatabaseThatIsDownIsNamedWithoutItsPassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String down = "postgresql://tasker:hunter2@localhost:" + closedPort + "/pgmq";
        try (ExternalDatabaseProvider provider = ExternalDatabaseProvider.of(libpqUrl(real.tasker()), Optional.of(down))) {
            assertThatThrownBy(() -> provider.provision(DatabaseMode.SPLIT))
                    .isInstanceOf(DatabaseProviderException.class)
                    .hasMessageContaining("Cannot connect to the PGMQ database postgresql://tasker:****@localhost:"
                            + closedPort + "/pgmq")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        String missing = "postgresql://postgres@localhost:" + real.tasker().port() + "/no_such_database";
        try (ExternalDatabaseProvider provider = ExternalDatabaseProvider.of(missing, Optional.empty())) {
            assertThatThrownBy(() -> provider.provision(DatabaseMode.SINGLE))
                    .isInstanceOf(DatabaseProviderException.class)
                    .hasMessageContaining("Cannot connect to the tasker database")
                    .hasMessageContaining("no_such_database")
                    .hasMessageContaining("3D000");
        }
    }
}
