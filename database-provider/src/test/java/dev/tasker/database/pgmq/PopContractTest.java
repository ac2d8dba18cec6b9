package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B.8: pop. */
class PopContractTest extends PgmqContract {

    @Test
    void popReturnsAndDeletesTheOldestVisibleMessage() throws SQLException {
        String queue = createQueue();
        long first = sendWithHeaders(queue, "{\"n\":1}", "{\"h\":1}");
        long second = send(queue, "{\"n\":2}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.pop(?::text)", queue);

        assertThat(rows).hasSize(1);
        Row row = rows.getFirst();
        assertThat(row.getLong("msg_id")).isEqualTo(first);
        assertThat(row.text("message")).isEqualTo(jsonb("{\"n\":1}"));
        assertThat(row.text("headers")).isEqualTo(jsonb("{\"h\":1}"));
        assertThat(queueRow(queue, first)).isNull();
        assertThat(queueRow(queue, second)).isNotNull();
        assertThat(archiveRow(queue, first)).as("pop does not archive").isNull();
    }

    @Test
    void popDoesNotIncrementReadCountOrSetLastReadAt() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");

        Row row = query(db, "SELECT * FROM pgmq.pop(?::text)", queue).getFirst();

        assertThat(row.getInt("read_ct")).isZero();
        if (hasLastReadAt()) {
            assertThat(row.get("last_read_at")).isNull();
        }
    }

    @Test
    void popKeepsTheReadCountOfAMessageReadBefore() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        read(queue, 0, 1);
        read(queue, 0, 1);

        Row row = query(db, "SELECT * FROM pgmq.pop(?::text)", queue).getFirst();

        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.getInt("read_ct")).isEqualTo(2);
    }

    @Test
    void popSkipsInvisibleMessages() throws SQLException {
        String queue = createQueue();
        sendDelayed(queue, "{}", 3600);
        long inFlight = send(queue, "{}");
        read(queue, 60, 1);
        long visible = send(queue, "{}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.pop(?::text)", queue);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(visible);
        assertThat(queueRow(queue, inFlight)).isNotNull();
        assertThat(query(db, "SELECT * FROM pgmq.pop(?::text)", queue)).isEmpty();
    }

    @Test
    void popOnAnEmptyQueueReturnsNothing() throws SQLException {
        String queue = createQueue();
        assertThat(query(db, "SELECT * FROM pgmq.pop(?::text)", queue)).isEmpty();
    }

    @Test
    void popWithQtyReturnsUpToQtyMessagesInIdOrderAndDeletesThem() throws SQLException {
        assumeAtLeast(1, 7, 0, "pop(queue, qty)");
        String queue = createQueue();
        long a = send(queue, "{\"n\":1}");
        long b = send(queue, "{\"n\":2}");
        long c = send(queue, "{\"n\":3}");
        long d = send(queue, "{\"n\":4}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.pop(?::text, ?::int)", queue, 3);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactlyInAnyOrder(a, b, c);
        assertThat(rows).allSatisfy(r -> assertThat(r.getInt("read_ct")).isZero());
        assertThat(queueCount(queue)).isEqualTo(1);
        assertThat(query(db, "SELECT * FROM pgmq.pop(?::text, ?::int)", queue, 10))
                .extracting(r -> r.getLong("msg_id")).containsExactly(d);
        assertThat(query(db, "SELECT * FROM pgmq.pop(?::text, ?::int)", queue, 10)).isEmpty();
    }

    @Test
    void popWithQtyZeroReturnsNothing() throws SQLException {
        assumeAtLeast(1, 7, 0, "pop(queue, qty)");
        String queue = createQueue();
        send(queue, "{}");

        assertThat(query(db, "SELECT * FROM pgmq.pop(?::text, ?::int)", queue, 0)).isEmpty();
        assertThat(queueCount(queue)).isEqualTo(1);
    }

    @Test
    void popSeesMessagesWhoseVtPassedDuringTheTransaction() throws SQLException {
        String queue = createQueue();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            long id = longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb, clock_timestamp() + interval '300 ms')",
                    queue, "{}");
            execute(tx, "SELECT pg_sleep(0.5)");

            List<Row> rows = query(tx, "SELECT * FROM pgmq.pop(?::text)", queue);

            assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
            tx.commit();
        }
    }

    @Test
    void aPoppedMessageIsGoneForOtherReaders() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");
        query(db, "SELECT * FROM pgmq.pop(?::text)", queue);

        assertThat(read(queue, 0, 10)).isEmpty();
        assertThat(queueCount(queue)).isZero();
    }
}
