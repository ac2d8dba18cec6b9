package dev.tasker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.PgmqException;
import dev.tasker.dao.tasker.TaskerDaoException;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.PoolSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Errors that say what is wrong and what to do: a DAO on a database that was never migrated, a DAO on the other
 * database of split mode, and a pool that times out because the server refuses connections.
 */
class DiagnosticErrorsTest extends IntegrationTest {

    @Override
    protected boolean migrateFirst() {
        return false;
    }

    @Test
    void daosOnANeverMigratedOrTheWrongDatabaseNameTheLikelyCauseAndTheFix() {
        String queue = IntegrationSupport.workerQueue(IntegrationSupport.uniqueNamespace());
        assertThatThrownBy(() -> tasker.namespaces().findOrCreate("never-migrated", null))
                .isExactlyInstanceOf(TaskerDaoException.class)
                .hasMessageContaining("relation \"tasker_task_namespaces\" does not exist")
                .hasMessageContaining("not migrated").hasMessageContaining("Fix: run the migrator");
        assertThatThrownBy(() -> pgmq.queues().create(queue))
                .isExactlyInstanceOf(PgmqException.class)
                .hasMessageContaining("PGMQ is not in this database").hasMessageContaining("not migrated")
                .hasMessageContaining("run the migrator");

        IntegrationSupport.migrate(pools);
        if (split()) {
            assertThatThrownBy(() -> TaskerDataAccess.using(pools.pgmq()).namespaces().list())
                    .isExactlyInstanceOf(TaskerDaoException.class)
                    .hasMessageContaining("wrong database for this operation")
                    .hasMessageContaining("tasker-dao needs the tasker database");
            assertThatThrownBy(() -> PgmqClient.using(pools.tasker()).queues().list())
                    .isExactlyInstanceOf(PgmqException.class)
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("wrong database for this operation")
                    .hasMessageContaining("give the PgmqClient the PGMQ pool");
        }
        assertThat(tasker.namespaces().list()).as("the right database works").isNotNull();
        assertThat(pgmq.queues().exists(queue)).isFalse();
    }

    @Test
    void aPoolTimeoutCausedByARefusedConnectionSaysSoInTheMessage() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        DatabaseEndpoint nowhere = DatabaseEndpoint.of("127.0.0.1", closedPort, "tasker", "tasker", "");
        PoolSettings quick = new PoolSettings(2, 0, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(30));
        try (DatabasePools refused = DatabasePools.open(new DatabaseSettings(nowhere, Optional.empty(), quick,
                quick))) {
            String expected = "connection refused to 127.0.0.1:" + closedPort;
            assertThatThrownBy(() -> TaskerDataAccess.using(refused.tasker()).namespaces().list())
                    .isExactlyInstanceOf(TaskerDaoException.class).hasMessageContaining(expected);
            assertThatThrownBy(() -> PgmqClient.using(refused.pgmq()).queues().list())
                    .isExactlyInstanceOf(PgmqException.class).hasMessageContaining(expected);
        }
    }
}
