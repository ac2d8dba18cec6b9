package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class QueueAdminTest extends ClientTestBase {

    @Test
    void createMakesQueueAndArchiveTablesAndIsIdempotent() throws SQLException {
        String queue = uniqueQueue("created");

        assertThat(client.queues().create(queue)).isTrue();
        assertThat(client.queues().create(queue)).isFalse();

        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(1L);
        assertThat(row("SELECT is_unlogged, is_partitioned FROM pgmq.meta WHERE queue_name = ?", queue))
                .containsEntry("is_unlogged", false).containsEntry("is_partitioned", false);
        assertThat(value("SELECT relpersistence::text FROM pg_class WHERE oid = to_regclass(?)", "pgmq.q_" + queue))
                .isEqualTo("p");
        assertThat(value("SELECT to_regclass(?) IS NOT NULL", "pgmq.a_" + queue)).isEqualTo(true);
    }

    @Test
    void createUnloggedMakesAnUnloggedQueueTableAndALoggedArchive() throws SQLException {
        String queue = uniqueQueue("unlogged");

        assertThat(client.queues().createUnlogged(queue)).isTrue();
        assertThat(client.queues().createUnlogged(queue)).isFalse();

        assertThat(value("SELECT is_unlogged FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(true);
        assertThat(value("SELECT relpersistence::text FROM pg_class WHERE oid = to_regclass(?)", "pgmq.q_" + queue))
                .isEqualTo("u");
        assertThat(value("SELECT relpersistence::text FROM pg_class WHERE oid = to_regclass(?)", "pgmq.a_" + queue))
                .isEqualTo("p");
    }

    @Test
    void racingCreatesAllSucceedAndExactlyOneCreates() throws Exception {
        String queue = uniqueQueue("raced");
        int callers = 6;
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return PgmqClient.using(dataSource).queues().create(queue);
                }));
            }
        }
        List<Boolean> created = new ArrayList<>();
        for (Future<Boolean> result : results) {
            created.add(result.get());
        }

        assertThat(created).containsOnlyOnce(true).hasSize(callers);
        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(1L);
        assertThat(sendRaw(queue, "{\"ok\":true}")).isPositive();
    }

    @Test
    void createInTheCallersTransactionCommitsAndRollsBackWithIt() throws SQLException {
        String rolledBack = uniqueQueue("tx_rollback");
        String committed = uniqueQueue("tx_commit");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            assertThat(PgmqClient.using(connection).queues().create(rolledBack)).isTrue();
            connection.rollback();
            assertThat(PgmqClient.using(connection).queues().create(committed)).isTrue();
            assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", committed)).isEqualTo(0L);
            connection.commit();
        }

        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", rolledBack)).isEqualTo(0L);
        assertThat(value("SELECT to_regclass(?) IS NULL", "pgmq.q_" + rolledBack)).isEqualTo(true);
        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", committed)).isEqualTo(1L);
    }

    @Test
    void createRejectsNamesPgmqRejectsWithPgmqsTextAndCreatesNothing() throws SQLException {
        String tooLong = "q".repeat(48);
        assertThatThrownBy(() -> client.queues().create(tooLong))
                .isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name is too long, maximum length is 47 characters");
        assertThatThrownBy(() -> client.queues().createUnlogged("bad;name"))
                .isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name contains invalid characters: $, ;, --, or \\'");

        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name IN (?, ?)", tooLong, "bad;name"))
                .isEqualTo(0L);
        assertThat(client.queues().create("q".repeat(47))).isTrue();
    }

    @Test
    void dropRemovesTheQueueAndReportsWhetherItExisted() throws SQLException {
        String queue = newQueue("dropped");
        sendRaw(queue, "{}");

        assertThat(client.queues().drop(queue)).isTrue();
        assertThat(client.queues().drop(queue)).isFalse();

        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(0L);
        assertThat(value("SELECT to_regclass(?) IS NULL AND to_regclass(?) IS NULL", "pgmq.q_" + queue,
                "pgmq.a_" + queue)).isEqualTo(true);
    }

    @Test
    void droppingAMissingQueueLeavesTheCallersTransactionUsable() throws SQLException {
        String queue = uniqueQueue("never_created");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            PgmqClient inTransaction = PgmqClient.using(connection);

            assertThat(inTransaction.queues().drop(queue)).isFalse();
            assertThat(inTransaction.queues().create(queue)).isTrue();
            connection.commit();
        }
        assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(1L);
    }

    @Test
    void purgeDeletesEveryMessageAndKeepsTheArchive() throws SQLException {
        String queue = newQueue("purged");
        long archived = sendRaw(queue, "{\"n\":0}");
        execute("SELECT pgmq.archive(?::text, ?::bigint)", queue, archived);
        sendRaw(queue, "{\"n\":1}");
        sendRaw(queue, "{\"n\":2}", 60);
        sendRaw(queue, "{\"n\":3}");

        assertThat(client.queues().purge(queue)).isEqualTo(3L);

        assertThat(count(queue)).isZero();
        assertThat(archiveRows(queue)).extracting(r -> r.get("msg_id")).containsExactly(archived);
        assertThat(client.queues().purge(queue)).isZero();
    }

    @Test
    void listAndExistsReportTheRegisteredQueues() throws SQLException {
        String logged = newQueue("listed");
        String unlogged = uniqueQueue("listed_unlogged");
        execute("SELECT pgmq.create_unlogged(?::text)", unlogged);

        List<QueueInfo> queues = client.queues().list();

        Timestamp createdAt = (Timestamp) value("SELECT created_at FROM pgmq.meta WHERE queue_name = ?", logged);
        assertThat(queues).contains(new QueueInfo(logged, createdAt.toInstant(), false, false));
        assertThat(queues).filteredOn(q -> q.name().equals(unlogged)).singleElement()
                .satisfies(q -> assertThat(q.unlogged()).isTrue());
        assertThat(queues).extracting(QueueInfo::name).isSorted()
                .hasSize(((Number) value("SELECT count(*) FROM pgmq.meta")).intValue());
        assertThat(client.queues().exists(logged)).isTrue();
        assertThat(client.queues().exists(uniqueQueue("absent"))).isFalse();
    }

    @Test
    void metricsCountVisibleAndInvisibleMessages() throws SQLException {
        String queue = newQueue("measured");
        String empty = newQueue("measured_empty");
        sendRaw(queue, "{\"n\":1}");
        sendRaw(queue, "{\"n\":2}", 3600);
        long deleted = sendRaw(queue, "{\"n\":3}");
        execute("SELECT pgmq.delete(?::text, ?::bigint)", queue, deleted);

        QueueMetrics metrics = client.queues().metrics(queue);

        assertThat(metrics.queueName()).isEqualTo(queue);
        assertThat(metrics.queueLength()).isEqualTo(2L);
        assertThat(metrics.visibleLength()).isEqualTo(1L);
        assertThat(metrics.totalMessages()).isEqualTo(3L);
        assertThat(metrics.oldestMessageAgeSeconds()).isPresent();
        assertThat(metrics.newestMessageAgeSeconds()).isPresent();
        QueueMetrics emptyMetrics = client.queues().metrics(empty);
        assertThat(emptyMetrics.queueLength()).isZero();
        assertThat(emptyMetrics.oldestMessageAgeSeconds()).isEmpty();
        assertThat(emptyMetrics.totalMessages()).isZero();

        List<QueueMetrics> all = client.queues().metricsAll();
        assertThat(all).extracting(QueueMetrics::queueName).contains(queue, empty).isSorted();
        assertThat(all).filteredOn(m -> m.queueName().equals(queue)).singleElement()
                .satisfies(m -> assertThat(m.queueLength()).isEqualTo(2L));
    }

    @Test
    void unknownQueuesAreReportedByName() {
        String queue = uniqueQueue("unknown");

        assertThatThrownBy(() -> client.queues().metrics(queue))
                .isInstanceOf(QueueNotFoundException.class)
                .hasMessageContaining("\"" + queue + "\"")
                .satisfies(e -> assertThat(((QueueNotFoundException) e).queueName()).isEqualTo(queue));
        assertThatThrownBy(() -> client.queues().purge(queue))
                .isInstanceOf(QueueNotFoundException.class)
                .hasMessageContaining("purge queue " + queue);
    }
}
