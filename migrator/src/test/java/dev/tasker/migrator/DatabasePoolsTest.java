package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabasePoolsTest {

    private static final PoolSettings SMALL =
            new PoolSettings(3, 0, Duration.ofMillis(400), Duration.ofSeconds(20), Duration.ofSeconds(40));

    private static DatabaseSettings settings(DatabaseMode mode) {
        return DatabaseSettings.of(TestDatabases.provision(mode));
    }

    private static String currentDatabase(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_database()")) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void singleModeHandsOutTheSamePoolObjectForBothRoles() throws SQLException {
        DatabaseSettings settings = settings(DatabaseMode.SINGLE);
        try (DatabasePools pools = DatabasePools.open(settings)) {
            assertThat(pools.mode()).isEqualTo(DatabaseMode.SINGLE);
            assertThat(pools.pgmqIsSeparate()).isFalse();
            assertThat(pools.pgmq()).isSameAs(pools.tasker());
            for (DatabaseOperation operation : DatabaseOperation.values()) {
                assertThat(pools.forOperation(operation)).isSameAs(pools.tasker());
            }
            assertThat(currentDatabase(pools.tasker())).isEqualTo(settings.tasker().database());
        }
    }

    @Test
    void splitModeHasTwoPoolsEachReachingItsOwnDatabase() throws SQLException {
        DatabaseSettings settings = settings(DatabaseMode.SPLIT);
        try (DatabasePools pools = DatabasePools.open(settings)) {
            assertThat(pools.mode()).isEqualTo(DatabaseMode.SPLIT);
            assertThat(pools.pgmqIsSeparate()).isTrue();
            assertThat(pools.pgmq()).isNotSameAs(pools.tasker());
            assertThat(currentDatabase(pools.tasker())).isEqualTo(settings.tasker().database());
            assertThat(currentDatabase(pools.pgmq())).isEqualTo(settings.pgmq().database())
                    .isNotEqualTo(settings.tasker().database());
            assertThat(pools.pool(PoolRole.TASKER)).isSameAs(pools.tasker());
            assertThat(pools.pool(PoolRole.PGMQ)).isSameAs(pools.pgmq());
        }
    }

    @Test
    void operationsAreRoutedAsUpstreamDoes() {
        try (DatabasePools pools = DatabasePools.open(settings(DatabaseMode.SPLIT))) {
            for (DatabaseOperation operation : new DatabaseOperation[] {DatabaseOperation.TASK_QUERY,
                    DatabaseOperation.STEP_QUERY, DatabaseOperation.TRANSITION_INSERT,
                    DatabaseOperation.STATE_TRANSITION}) {
                assertThat(pools.forOperation(operation)).as(operation.name()).isSameAs(pools.tasker());
            }
            for (DatabaseOperation operation : new DatabaseOperation[] {DatabaseOperation.QUEUE_SEND,
                    DatabaseOperation.QUEUE_READ, DatabaseOperation.QUEUE_DELETE, DatabaseOperation.QUEUE_CREATE}) {
                assertThat(pools.forOperation(operation)).as(operation.name()).isSameAs(pools.pgmq());
            }
        }
    }

    @Test
    void eachPoolGetsItsOwnSizesAndTimeouts() {
        PoolSettings taskerPool =
                new PoolSettings(7, 2, Duration.ofSeconds(3), Duration.ofSeconds(45), Duration.ofSeconds(600));
        DatabaseSettings settings = settings(DatabaseMode.SPLIT).withPools(taskerPool, SMALL);
        try (DatabasePools pools = DatabasePools.open(settings)) {
            HikariDataSource tasker = (HikariDataSource) pools.tasker();
            HikariDataSource pgmq = (HikariDataSource) pools.pgmq();
            assertThat(tasker.getPoolName()).isEqualTo("tasker-data-tasker");
            assertThat(tasker.getMaximumPoolSize()).isEqualTo(7);
            assertThat(tasker.getMinimumIdle()).isEqualTo(2);
            assertThat(tasker.getConnectionTimeout()).isEqualTo(3_000);
            assertThat(tasker.getIdleTimeout()).isEqualTo(45_000);
            assertThat(tasker.getMaxLifetime()).isEqualTo(600_000);
            assertThat(pgmq.getPoolName()).isEqualTo("tasker-data-pgmq");
            assertThat(pgmq.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pgmq.getMinimumIdle()).isZero();
            assertThat(pgmq.getConnectionTimeout()).isEqualTo(400);
            assertThat(pools.describe()).contains("max 7, min 2", "max 3, min 0");
        }
    }

    @Test
    void closingClosesEachDistinctPoolOnce() {
        DatabasePools split = DatabasePools.open(settings(DatabaseMode.SPLIT));
        split.close();
        split.close();
        assertThat(((HikariDataSource) split.tasker()).isClosed()).isTrue();
        assertThat(((HikariDataSource) split.pgmq()).isClosed()).isTrue();

        DatabasePools single = DatabasePools.open(settings(DatabaseMode.SINGLE));
        single.close();
        assertThat(((HikariDataSource) single.tasker()).isClosed()).isTrue();
        assertThatThrownBy(() -> single.pgmq().getConnection()).isInstanceOf(SQLException.class);
    }

    @Test
    void poolsBuiltAroundTheCallersTaskerPoolLeaveItOpen() throws SQLException {
        DatabaseSettings split = settings(DatabaseMode.SPLIT);
        try (DatabasePools own = DatabasePools.open(split.withPools(SMALL, SMALL))) {
            DataSource callers = own.tasker();
            DatabasePools around = DatabasePools.around(callers, split);
            assertThat(around.tasker()).isSameAs(callers);
            assertThat(around.pgmq()).isNotSameAs(callers);
            assertThat(currentDatabase(around.pgmq())).isEqualTo(split.pgmq().database());
            around.close();
            assertThat(((HikariDataSource) around.pgmq()).isClosed()).isTrue();
            assertThat(currentDatabase(callers)).isEqualTo(split.tasker().database());

            DatabasePools single = DatabasePools.around(callers, DatabaseSettings.of(
                    ProvisionedDatabases.single(split.tasker())));
            assertThat(single.pgmq()).isSameAs(callers);
            single.close();
            assertThat(currentDatabase(callers)).isEqualTo(split.tasker().database());
        }
    }

    @Test
    void aPgmqDatabaseThatIsDownDoesNotStopThePoolsAndOnlyItsOperationsFail() throws Exception {
        DatabaseSettings split = settings(DatabaseMode.SPLIT);
        DatabaseEndpoint down = DatabaseEndpoint.of("localhost", unusedPort(), "pgmq", "postgres", "");
        DatabaseSettings settings = new DatabaseSettings(split.tasker(), Optional.of(down), SMALL, SMALL);
        try (DatabasePools pools = DatabasePools.open(settings)) {
            assertThat(currentDatabase(pools.forOperation(DatabaseOperation.TASK_QUERY)))
                    .isEqualTo(split.tasker().database());
            assertThatThrownBy(() -> currentDatabase(pools.forOperation(DatabaseOperation.QUEUE_SEND)))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("tasker-data-pgmq");
        }
    }

    @Test
    void passwordsAppearInNoDescription() {
        DatabaseSettings split = settings(DatabaseMode.SPLIT);
        DatabaseSettings withPasswords = new DatabaseSettings(withPassword(split.tasker(), "tasker-pw-1"),
                Optional.of(withPassword(split.pgmq(), "pgmq-pw-2")), SMALL, SMALL);
        try (DatabasePools pools = DatabasePools.open(withPasswords)) {
            assertThat(pools.describe() + pools + pools.tasker() + pools.pgmq() + withPasswords)
                    .contains(split.tasker().database(), split.pgmq().database(), "****")
                    .doesNotContain("tasker-pw-1", "pgmq-pw-2");
        }
    }

    private static DatabaseEndpoint withPassword(DatabaseEndpoint endpoint, String password) {
        return new DatabaseEndpoint(endpoint.host(), endpoint.port(), endpoint.database(), endpoint.user(), password,
                endpoint.parameters());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
