package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** B.6: metrics and metrics_all. */
class MetricsContractTest extends PgmqContract {

    @Test
    void metricsOfAnEmptyQueue() throws SQLException {
        String queue = createQueue();

        Row row = metrics(queue);

        assertThat(row.text("queue_name")).isEqualTo(queue);
        assertThat(row.getLong("queue_length")).isZero();
        assertThat(row.getLong("queue_visible_length")).isZero();
        assertThat(row.get("newest_msg_age_sec")).isNull();
        assertThat(row.get("oldest_msg_age_sec")).isNull();
        assertThat(row.getLong("total_messages")).isZero();
        assertThat(row.instant("scrape_time")).isNotNull();
    }

    @Test
    void metricsReturnsTheSpecifiedColumns() throws SQLException {
        String queue = createQueue();
        assertThat(metrics(queue).columns()).contains("queue_name", "queue_length", "newest_msg_age_sec",
                "oldest_msg_age_sec", "total_messages", "scrape_time", "queue_visible_length");
    }

    @Test
    void queueLengthCountsAllRowsAndVisibleLengthOnlyVisibleOnes() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");
        send(queue, "{}");
        sendDelayed(queue, "{}", 3600);
        long inFlight = send(queue, "{}");
        query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, inFlight, 600);

        Row row = metrics(queue);

        assertThat(row.getLong("queue_length")).isEqualTo(4);
        assertThat(row.getLong("queue_visible_length")).isEqualTo(2);
    }

    @Test
    void totalMessagesCountsEveryMessageEverSent() throws SQLException {
        String queue = createQueue();
        long a = send(queue, "{}");
        long b = send(queue, "{}");
        send(queue, "{}");
        longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue, jsonbArray(db, "{}", "{}"));
        query(db, "SELECT pgmq.delete(?::text, ?::bigint)", queue, a);
        query(db, "SELECT pgmq.archive(?::text, ?::bigint)", queue, b);
        query(db, "SELECT * FROM pgmq.pop(?::text)", queue);

        Row afterAcks = metrics(queue);
        assertThat(afterAcks.getLong("total_messages")).isEqualTo(5);
        assertThat(afterAcks.getLong("queue_length")).isEqualTo(2);

        query(db, "SELECT pgmq.purge_queue(?::text)", queue);
        Row afterPurge = metrics(queue);
        assertThat(afterPurge.getLong("total_messages")).isEqualTo(5);
        assertThat(afterPurge.getLong("queue_length")).isZero();

        send(queue, "{}");
        assertThat(metrics(queue).getLong("total_messages")).isEqualTo(6);
    }

    @Test
    void agesComeFromEnqueuedAtInWholeSeconds() throws SQLException {
        String queue = createQueue();
        long old = send(queue, "{}");
        long young = send(queue, "{}");
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            // enqueued_at is a column of the queue table (B.4): age the two messages by hand, in one transaction
            // so that now() is fixed and the ages are exact
            update(tx, "UPDATE pgmq.q_" + queue + " SET enqueued_at = now() - interval '100.4 seconds' "
                    + "WHERE msg_id = ?", old);
            update(tx, "UPDATE pgmq.q_" + queue + " SET enqueued_at = now() - interval '10.4 seconds' "
                    + "WHERE msg_id = ?", young);
            Row row = metrics(tx, queue);
            tx.rollback();

            assertThat(row.getInt("oldest_msg_age_sec")).isEqualTo(100);
            assertThat(row.getInt("newest_msg_age_sec")).isEqualTo(10);
        }
    }

    @Test
    void ageOfASingleFreshMessageIsZero() throws SQLException {
        String queue = createQueue();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            send(tx, queue, "{}");
            Row row = metrics(tx, queue);
            tx.commit();

            assertThat(row.getInt("newest_msg_age_sec")).isZero();
            assertThat(row.getInt("oldest_msg_age_sec")).isZero();
            assertThat(row.getLong("queue_length")).isEqualTo(1);
        }
    }

    @Test
    void scrapeTimeAndVisibilityUseTransactionTime() throws SQLException {
        String queue = createQueue();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            Instant now = transactionNow(tx);
            execute(tx, "SELECT pg_sleep(0.2)");
            // committed by another connection after this transaction began: vt (clock) > now() of tx
            long id = send(queue, "{}");
            assertThat(queueRow(queue, id).instant("vt")).isAfter(now);

            Row row = metrics(tx, queue);
            tx.commit();

            assertThat(row.instant("scrape_time")).isEqualTo(now);
            assertThat(row.getLong("queue_length")).isEqualTo(1);
            assertThat(row.getLong("queue_visible_length")).as("vt <= now() of the transaction").isZero();
        }
    }

    @Test
    void metricsEchoesTheNameAsGiven() throws SQLException {
        String queue = createQueue();
        String upper = queue.toUpperCase(java.util.Locale.ROOT);
        send(queue, "{}");

        Row row = metrics(upper);

        assertThat(row.text("queue_name")).isEqualTo(upper);
        assertThat(row.getLong("queue_length")).isEqualTo(1);
    }

    @Test
    void metricsAllHasARowPerQueueMatchingMetrics() throws SQLException {
        String first = createQueue();
        String second = createQueue();
        send(first, "{}");
        send(second, "{}");
        send(second, "{}");
        sendDelayed(second, "{}", 3600);

        List<Row> rows = query(db, "SELECT * FROM pgmq.metrics_all()");

        Map<String, List<Row>> byName = rows.stream().collect(Collectors.groupingBy(r -> r.text("queue_name")));
        assertThat(byName.get(first)).hasSize(1);
        assertThat(byName.get(second)).hasSize(1);
        Row a = byName.get(first).getFirst();
        Row b = byName.get(second).getFirst();
        assertThat(a.getLong("queue_length")).isEqualTo(1);
        assertThat(a.getLong("total_messages")).isEqualTo(1);
        assertThat(b.getLong("queue_length")).isEqualTo(3);
        assertThat(b.getLong("queue_visible_length")).isEqualTo(2);
        assertThat(b.getLong("total_messages")).isEqualTo(3);
        assertThat(rows.getFirst().columns()).isEqualTo(metrics(first).columns());
    }

    @Test
    void metricsAllCoversEveryListedQueueAndNoDroppedOne() throws SQLException {
        String kept = createQueue();
        String dropped = createQueue();
        query(db, "SELECT pgmq.drop_queue(?::text)", dropped);

        List<String> names = query(db, "SELECT * FROM pgmq.metrics_all()").stream().map(r -> r.text("queue_name"))
                .toList();

        assertThat(names).contains(kept).doesNotContain(dropped);
    }

    @Test
    void metricsAllUsesTheNamesStoredInMeta() throws SQLException {
        String queue = track("CT_Mixed_" + randomSuffix(8));
        query(db, "SELECT pgmq.create(?::text)", queue);
        send(queue, "{}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.metrics_all()").stream()
                .filter(r -> queue.equalsIgnoreCase(r.text("queue_name"))).toList();

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().text("queue_name")).isEqualTo(queue);
        assertThat(rows.getFirst().getLong("queue_length")).isEqualTo(1);
    }

    private Row metrics(String queue) throws SQLException {
        return metrics(db, queue);
    }

    private static Row metrics(Connection connection, String queue) throws SQLException {
        List<Row> rows = query(connection, "SELECT * FROM pgmq.metrics(?::text)", queue);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }
}
