package dev.tasker.dao.pgmq;

import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class PgmqClientTest extends ClientTestBase {

    record OrderLine(String orderId, int lineNumber) {
    }

    @Test
    void featuresAreProbedFromTheCatalog() throws SQLException {
        PgmqFeatures features = client.features();

        Object version = rows("SELECT extversion FROM pg_extension WHERE extname = 'pgmq'").stream()
                .map(r -> r.get("extversion")).findFirst().orElse(null);
        assertThat(features.extensionVersion()).isEqualTo(Optional.ofNullable(version));
        assertThat(features.conditionalRead())
                .isEqualTo(value("SELECT to_regprocedure('pgmq.read(text,integer,integer,jsonb)') IS NOT NULL"));
        assertThat(features.popQuantity())
                .isEqualTo(value("SELECT to_regprocedure('pgmq.pop(text,integer)') IS NOT NULL"));
        assertThat(features.batchSetVt())
                .isEqualTo(value("SELECT to_regprocedure('pgmq.set_vt(text,bigint[],integer)') IS NOT NULL"));
        assertThat(features.absoluteSetVt()).isEqualTo(
                value("SELECT to_regprocedure('pgmq.set_vt(text,bigint,timestamptz)') IS NOT NULL"));
        assertThat(client.features()).isSameAs(features);
    }

    @Test
    void versionGatedOperationsFailClearlyOnOlderPgmqAndTouchNothing() throws SQLException {
        String queue = newQueue("old_pgmq");
        long first = sendRaw(queue, "{\"type\": \"a\"}");
        long second = sendRaw(queue, "{\"type\": \"b\"}");
        PgmqClient old = client.withFeatures(new PgmqFeatures(Optional.of("1.5.1"), true, false, false, false));

        assertThatThrownBy(() -> old.reader().pop(queue, 2)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessage("pop with a quantity needs pgmq 1.7.0 or later; the installed pgmq does not offer it");
        assertThatThrownBy(() -> old.settler().setVt(queue, List.of(first, second), 30))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("1.8.0");
        assertThatThrownBy(() -> old.settler().setVt(queue, first, Instant.now()))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("1.10.0");
        assertThatThrownBy(() -> old.settler().setVt(queue, List.of(first), Instant.now()))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("1.10.0");
        assertThat(value("SELECT bool_and(read_ct = 0 AND vt <= clock_timestamp()) FROM pgmq.q_" + queue))
                .isEqualTo(true);

        assertThat(old.reader().pop(queue, 1)).extracting(Message::msgId).containsExactly(first);
        PgmqClient noConditional = client.withFeatures(
                new PgmqFeatures(Optional.empty(), false, true, true, true));
        assertThatThrownBy(() -> noConditional.reader().read(queue, 30, 1, Map.of("type", "b")))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("1.5.0");
        assertThat(value("SELECT read_ct FROM pgmq.q_" + queue + " WHERE msg_id = ?", second)).isEqualTo(0);
    }

    @Test
    void theCallersObjectMapperMapsPayloadsBothWays() throws SQLException {
        String queue = newQueue("mapper");
        ObjectMapper snakeCase = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PgmqClient custom = client.withObjectMapper(snakeCase);

        long id = custom.sender().send(queue, new OrderLine("o-1", 2));
        sendRaw(queue, "{\"order_id\": \"o-2\", \"line_number\": 3, \"ignored\": true}");

        assertThat(value("SELECT message::text FROM pgmq.q_" + queue + " WHERE msg_id = ?", id))
                .isEqualTo("{\"order_id\": \"o-1\", \"line_number\": 2}");
        assertThat(custom.reader(OrderLine.class).read(queue, 30, 2)).extracting(Message::payload)
                .containsExactly(new OrderLine("o-1", 2), new OrderLine("o-2", 3));
    }

    @Test
    void transactionOnADataSourceCommitsOnReturnAndRollsBackOnFailure() throws SQLException {
        String queue = newQueue("tx_datasource");

        assertThatThrownBy(() -> client.transaction(tx -> {
            tx.sender().send(queue, Map.of("n", 1));
            tx.sender().sendBatch(queue, List.of(Map.of("n", 2)));
            throw new IllegalStateException("work fails");
        })).isInstanceOf(IllegalStateException.class).hasMessage("work fails");
        assertThat(count(queue)).isZero();

        List<Long> ids = client.transactionResult(tx -> List.of(tx.sender().send(queue, Map.of("n", 3)),
                tx.sender().send(queue, Map.of("n", 4))));
        assertThat(queueRows(queue)).extracting(r -> r.get("msg_id")).containsExactlyElementsOf(ids);
    }

    @Test
    void transactionInsideTheCallersTransactionUsesASavepoint() throws SQLException {
        String queue = newQueue("tx_savepoint");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            PgmqClient inTransaction = PgmqClient.using(connection);
            long before = inTransaction.sender().send(queue, Map.of("n", "before"));

            assertThatThrownBy(() -> inTransaction.transaction(tx -> {
                tx.sender().send(queue, Map.of("n", "inside"));
                tx.sender().send(uniqueQueue("no_such_queue"), Map.of("n", "fails"));
            })).isInstanceOf(QueueNotFoundException.class);
            long after = inTransaction.sender().send(queue, Map.of("n", "after"));
            assertThat(count(queue)).isZero();
            connection.commit();

            assertThat(queueRows(queue)).extracting(r -> r.get("msg_id")).containsExactly(before, after);
        }
    }

    @Test
    void nullArgumentsAreRejectedNamingTheArgumentBeforeAnyRoundTrip() throws Exception {
        PgmqClient offline = unreachableClient();
        assertRejectedNull(() -> PgmqClient.using((DSLContext) null), "dsl");
        assertRejectedNull(() -> PgmqClient.using((Configuration) null), "configuration");
        assertRejectedNull(() -> PgmqClient.using((Connection) null), "connection");
        assertRejectedNull(() -> PgmqClient.using((DataSource) null), "dataSource");
        assertRejectedNull(() -> offline.withObjectMapper(null), "mapper");
        assertRejectedNull(() -> offline.reader((Class<?>) null), "payloadType");
        assertRejectedNull(() -> offline.reader((TypeReference<?>) null), "payloadType");
        assertRejectedNull(() -> offline.transaction(null), "work");
        assertRejectedNull(() -> offline.transactionResult(null), "work");
        assertRejectedNull(() -> offline.sender().send("orders", "{}", null), "delay");
        assertRejectedNull(() -> offline.sender().sendBatch("orders", List.of("{}"), null), "delay");
        assertRejectedNull(() -> Delay.until(null), "at");
    }

    @Test
    void aClientOnTheCallersDslContextRunsOnItsConnection() throws SQLException {
        String queue = newQueue("dsl_context");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            PgmqClient onDsl = PgmqClient.using(DSL.using(connection, SQLDialect.POSTGRES));
            long id = onDsl.sender().send(queue, Map.of("n", 1));
            assertThat(onDsl.dsl().fetchValue("SELECT pg_backend_pid()"))
                    .isEqualTo(DSL.using(connection).fetchValue("SELECT pg_backend_pid()"));
            assertThat(count(queue)).isZero();
            connection.commit();
            assertThat(queueRows(queue)).extracting(r -> r.get("msg_id")).containsExactly(id);
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedWithTheOperation() throws Exception {
        PgmqClient offline = unreachableClient();
        assertThatThrownBy(() -> offline.queues().create("orders"))
                .isExactlyInstanceOf(PgmqException.class).hasMessageStartingWith("create queue orders failed: ");
        assertThatThrownBy(offline::features)
                .isExactlyInstanceOf(PgmqException.class).hasMessageStartingWith("detect pgmq features failed: ");
        assertThatThrownBy(() -> offline.reader().read("orders", 30, 1))
                .isExactlyInstanceOf(PgmqException.class).hasMessageStartingWith("read from queue orders failed: ");
        assertThatThrownBy(() -> offline.settler().delete("orders", 1))
                .isExactlyInstanceOf(PgmqException.class)
                .hasMessageStartingWith("delete message 1 of queue orders failed: ");
    }
}
