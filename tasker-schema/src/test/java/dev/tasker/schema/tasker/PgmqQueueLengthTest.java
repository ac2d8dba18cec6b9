package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * pgmq_queue_length(queue_name): the seed document's queue-statistics fallback. The real length where pgmq lives in
 * this database (single mode), 0 where it does not (split mode's tasker database), never an error.
 */
class PgmqQueueLengthTest extends TaskerSchemaTest {

    private long length(String queue) throws SQLException {
        return ((Number) value("SELECT pgmq_queue_length(?)", queue)).longValue();
    }

    private String queue() {
        return "ql_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    @DisplayName("split mode: 0 for any queue name, because pgmq lives in the other database")
    void zeroWithoutPgmq() throws SQLException {
        assumeTrue(databases.pgmqIsSeparate(), "split mode only");

        assertThat(length("orchestration_step_results")).isZero();
        assertThat(length("worker_rust_queue")).isZero();
    }

    @Test
    @DisplayName("single mode: the queue's current length from pgmq.metrics")
    void realLengthWithPgmq() throws SQLException {
        assumeTrue(!databases.pgmqIsSeparate(), "single mode only");
        String queue = queue();
        value("SELECT pgmq.create(?::text)", queue);
        try {
            assertThat(length(queue)).isZero();
            value("SELECT pgmq.send(?::text, '{\"n\": 1}'::jsonb)", queue);
            value("SELECT pgmq.send(?::text, '{\"n\": 2}'::jsonb)", queue);

            assertThat(length(queue)).isEqualTo(2);
        } finally {
            value("SELECT pgmq.drop_queue(?::text)", queue);
        }
    }

    @Test
    @DisplayName("single mode: 0 for a queue that does not exist, not an error")
    void zeroForAnUnknownQueue() throws SQLException {
        assumeTrue(!databases.pgmqIsSeparate(), "single mode only");

        assertThat(length(queue())).isZero();
    }

    @Test
    @DisplayName("a name pgmq rejects ($, ;, -- or ') is no queue: 0, not pgmq's invalid-characters error")
    void zeroForANamePgmqRejects() throws SQLException {
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            run(transaction, "CREATE EXTENSION IF NOT EXISTS pgmq");

            for (String name : new String[] {"semi;colon", "it's", "dollar$", "dash--dash"}) {
                assertThat(((Number) rows(transaction, "SELECT pgmq_queue_length(?) AS n", name).get(0).get("n"))
                        .longValue()).as(name).isZero();
            }
            transaction.rollback();
        }
    }

    @Test
    @DisplayName("a role for which pgmq_available() is true but that may not read the queue's table: 0, not an error")
    void zeroWithoutPrivilegeOnTheQueue() throws SQLException {
        String queue = queue();
        String role = "ops_no_queue_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            run(transaction, "CREATE EXTENSION IF NOT EXISTS pgmq");
            rows(transaction, "SELECT pgmq.create(?::text)", queue);
            rows(transaction, "SELECT pgmq.send(?::text, '{}'::jsonb)", queue);
            run(transaction, "CREATE ROLE " + role);
            run(transaction, "GRANT USAGE ON SCHEMA pgmq TO " + role);
            run(transaction, "SET LOCAL ROLE " + role);

            assertThat(rows(transaction, "SELECT pgmq_available() AS a").get(0).get("a")).isEqualTo(true);
            assertThat(((Number) rows(transaction, "SELECT pgmq_queue_length(?) AS n", queue).get(0).get("n"))
                    .longValue()).isZero();
            transaction.rollback();
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    @DisplayName("NULL queue name: 0")
    void zeroForNull() throws SQLException {
        assertThat(length(null)).isZero();
    }
}
