package dev.tasker.database;

import static dev.tasker.database.EmbeddedDatabaseProviderTest.execute;
import static dev.tasker.database.EmbeddedDatabaseProviderTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Testcontainers provider: a real container when Docker is there, a clear error when it is not. */
class ContainerDatabaseProviderTest {

    private static boolean docker;

    @BeforeAll
    static void probeDocker() {
        docker = ContainerDatabaseProvider.dockerAvailable();
    }

    @Test
    void withoutDockerStartingFailsWithAClearError() {
        assumeFalse(docker, "Docker is available here, so the no-Docker error path cannot be observed");

        assertThatThrownBy(() -> ContainerDatabaseProvider.start(ContainerDatabaseProvider.DEFAULT_IMAGE))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("needs a Docker engine, and none is reachable")
                .hasMessageContaining("-Dtasker.db.provider=embedded");
    }

    @Test
    void withDockerProvidesSingleAndSplitDatabasesWithRealPgmq() throws SQLException {
        assumeTrue(docker, "Skipped: Docker is not available on this machine, so no container can be started");

        try (ContainerDatabaseProvider provider = ContainerDatabaseProvider.start(ContainerDatabaseProvider.DEFAULT_IMAGE)) {
            ProvisionedDatabases split = provider.provision(DatabaseMode.SPLIT);
            assertThat(split.pgmqIsSeparate()).isTrue();
            try (Connection connection = split.pgmq().connect()) {
                execute(connection, "CREATE EXTENSION IF NOT EXISTS pgmq");
                assertThat(text(connection, "SELECT count(*) FROM pg_extension WHERE extname = 'pgmq'")).isEqualTo("1");
            }
            ProvisionedDatabases single = provider.provision(DatabaseMode.SINGLE);
            assertThat(single.pgmq()).isEqualTo(single.tasker());
        }
    }
}
