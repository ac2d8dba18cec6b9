package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B.8, B.9.1: read. */
class ReadContractTest extends PgmqContract {

    @Test
    void readReturnsAtMostQtyOfTheLowestIds() throws SQLException {
        String queue = createQueue();
        long first = send(queue, "{\"n\":1}");
        long second = send(queue, "{\"n\":2}");
        long third = send(queue, "{\"n\":3}");

        List<Row> rows = read(queue, 30, 2);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactlyInAnyOrder(first, second);
        assertThat(read(queue, 30, 2)).extracting(r -> r.getLong("msg_id")).containsExactly(third);
        assertThat(read(queue, 30, 2)).isEmpty();
    }

    @Test
    void readReturnsTheMessageRecordFields() throws SQLException {
        String queue = createQueue();
        long id = sendWithHeaders(queue, "{\"body\":\"x\"}", "{\"k\":\"v\"}");
        Instant enqueuedAt = queueRow(queue, id).instant("enqueued_at");

        Row row = read(queue, 30, 1).getFirst();

        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.getInt("read_ct")).isEqualTo(1);
        assertThat(row.instant("enqueued_at")).isEqualTo(enqueuedAt);
        assertThat(row.text("message")).isEqualTo(jsonb("{\"body\":\"x\"}"));
        assertThat(row.text("headers")).isEqualTo(jsonb("{\"k\":\"v\"}"));
    }

    @Test
    void readSetsVtToClockPlusVtSecondsAndIncrementsReadCount() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        Instant before = serverClock();

        Row row = read(queue, 45, 1).getFirst();

        Instant after = serverClock();
        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.getInt("read_ct")).isEqualTo(1);
        assertThat(row.instant("vt")).isBetween(before.plusSeconds(45), after.plusSeconds(45));
        Row stored = queueRow(queue, id);
        assertThat(stored.instant("vt")).isEqualTo(row.instant("vt"));
        assertThat(stored.getInt("read_ct")).isEqualTo(1);
    }

    @Test
    void aReadMessageIsInvisibleUntilItsVtPasses() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");
        assertThat(read(queue, 30, 1)).hasSize(1);

        assertThat(read(queue, 30, 1)).isEmpty();
    }

    @Test
    void readSetsLastReadAtToClockTime() throws SQLException {
        assumeAtLeast(1, 10, 0, "last_read_at");
        String queue = createQueue();
        long id = send(queue, "{}");
        assertThat(queueRow(queue, id).get("last_read_at")).isNull();
        Instant before = serverClock();

        Row row = read(queue, 20, 1).getFirst();

        Instant after = serverClock();
        assertThat(row.instant("last_read_at")).isBetween(before, after);
        assertThat(queueRow(queue, id).instant("last_read_at")).isEqualTo(row.instant("last_read_at"));
        assertThat(Duration.between(row.instant("last_read_at"), row.instant("vt")))
                .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(20).plus(Duration.between(before, after)));
    }

    @Test
    void readCountGoesUpOnEveryRead() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(read(queue, 0, 1).getFirst().getInt("read_ct")).isEqualTo(1);
        assertThat(read(queue, 0, 1).getFirst().getInt("read_ct")).isEqualTo(2);
        assertThat(read(queue, 0, 1).getFirst().getInt("read_ct")).isEqualTo(3);
        assertThat(queueRow(queue, id).getInt("read_ct")).isEqualTo(3);
    }

    @Test
    void vtZeroLeavesTheMessageVisibleSoASecondReadReturnsItWithReadCountTwo() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        Row first = read(queue, 0, 1).getFirst();
        Row second = read(queue, 0, 1).getFirst();

        assertThat(first.getLong("msg_id")).isEqualTo(id);
        assertThat(second.getLong("msg_id")).isEqualTo(id);
        assertThat(second.getInt("read_ct")).isEqualTo(2);
    }

    @Test
    void aNegativeVtMeansVisibleAtOnce() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        Instant before = serverClock();

        Row first = read(queue, -60, 1).getFirst();

        assertThat(first.instant("vt")).isBefore(before);
        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void qtyZeroReturnsNothingAndChangesNothing() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(read(queue, 30, 0)).isEmpty();
        assertThat(queueRow(queue, id).getInt("read_ct")).isZero();
    }

    @Test
    void aNegativeQtyIsAnError() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");

        PgError error = expectError(db, "SELECT * FROM pgmq.read(?::text, ?::int, ?::int)", queue, 30, -1);

        assertThat(error.message()).isEqualTo("LIMIT must not be negative");
    }

    @Test
    void readOnAnEmptyQueueReturnsNothing() throws SQLException {
        String queue = createQueue();
        assertThat(read(queue, 30, 5)).isEmpty();
    }

    @Test
    void readSkipsDelayedMessagesButTakesLaterVisibleOnes() throws SQLException {
        String queue = createQueue();
        sendDelayed(queue, "{\"later\":true}", 3600);
        long visible = send(queue, "{\"now\":true}");

        assertThat(read(queue, 30, 5)).extracting(r -> r.getLong("msg_id")).containsExactly(visible);
    }

    @Test
    void readChoosesCandidatesInMsgIdOrder() throws SQLException {
        String queue = createQueue();
        long[] ids = new long[6];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = send(queue, "{\"i\":" + i + "}");
        }
        // after a vt=0 read the first message has the latest vt of all; candidates still go by msg_id, not vt
        read(queue, 0, 1);

        List<Long> got = read(queue, 30, 3).stream().map(r -> r.getLong("msg_id")).toList();

        assertThat(got).containsExactlyInAnyOrder(ids[0], ids[1], ids[2]);
    }

    @Test
    void conditionalMatchesMessagesByJsonbContainment() throws SQLException {
        String queue = createQueue();
        long a = send(queue, "{\"type\":\"a\",\"n\":1,\"tags\":[\"x\",\"y\"]}");
        long b = send(queue, "{\"type\":\"b\",\"n\":2}");
        long a2 = send(queue, "{\"type\":\"a\",\"n\":3,\"nested\":{\"k\":1}}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.read(?::text, ?::int, ?::int, ?::jsonb)", queue, 30, 10,
                "{\"type\":\"a\"}");

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactlyInAnyOrder(a, a2);
        assertThat(queueRow(queue, b).getInt("read_ct")).isZero();
        assertThat(query(db, "SELECT * FROM pgmq.read(?::text, ?::int, ?::int, ?::jsonb)", queue, 30, 10,
                "{\"type\":\"b\"}")).extracting(r -> r.getLong("msg_id")).containsExactly(b);
    }

    @Test
    void conditionalSupportsNestedAndArrayContainment() throws SQLException {
        String queue = createQueue();
        long tagged = send(queue, "{\"tags\":[\"x\",\"y\"],\"meta\":{\"k\":1,\"j\":2}}");
        send(queue, "{\"tags\":[\"z\"],\"meta\":{\"k\":2}}");

        assertThat(query(db, "SELECT * FROM pgmq.read(?::text, 0, 10, ?::jsonb)", queue, "{\"tags\":[\"y\"]}"))
                .extracting(r -> r.getLong("msg_id")).containsExactly(tagged);
        assertThat(query(db, "SELECT * FROM pgmq.read(?::text, 0, 10, ?::jsonb)", queue, "{\"meta\":{\"k\":1}}"))
                .extracting(r -> r.getLong("msg_id")).containsExactly(tagged);
    }

    @Test
    void conditionalNeverLooksAtHeaders() throws SQLException {
        String queue = createQueue();
        long inMessage = send(queue, "{\"type\":\"a\"}");
        long inHeaders = sendWithHeaders(queue, "{\"type\":\"b\"}", "{\"type\":\"a\"}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.read(?::text, ?::int, ?::int, ?::jsonb)", queue, 30, 10,
                "{\"type\":\"a\"}");

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(inMessage).doesNotContain(inHeaders);
    }

    @Test
    void anEmptyConditionalMatchesEverything() throws SQLException {
        String queue = createQueue();
        long withMessage = send(queue, "{\"x\":1}");
        long nullMessage = longValue(db, "SELECT * FROM pgmq.send(?::text, NULL::jsonb)", queue);
        long scalarMessage = send(queue, "42");

        List<Row> rows = query(db, "SELECT * FROM pgmq.read(?::text, ?::int, ?::int, '{}'::jsonb)", queue, 30, 10);

        assertThat(rows).extracting(r -> r.getLong("msg_id"))
                .containsExactlyInAnyOrder(withMessage, nullMessage, scalarMessage);
    }

    @Test
    void conditionalThatMatchesNothingReturnsNothing() throws SQLException {
        String queue = createQueue();
        send(queue, "{\"x\":1}");

        assertThat(query(db, "SELECT * FROM pgmq.read(?::text, 30, 10, ?::jsonb)", queue, "{\"x\":2}")).isEmpty();
    }

    @Test
    void conditionalValuesWithQuotesAreHandled() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{\"name\":\"o'brien\"}");
        send(queue, "{\"name\":\"other\"}");

        assertThat(query(db, "SELECT * FROM pgmq.read(?::text, 30, 10, ?::jsonb)", queue, "{\"name\":\"o'brien\"}"))
                .extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void visibilityIsJudgedByClockTimeNotTransactionStart() throws SQLException {
        String queue = createQueue();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            Instant now = transactionNow(tx);
            // vt lies after this transaction's now() but becomes due while the transaction runs
            long id = longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb, clock_timestamp() + interval '300 ms')",
                    queue, "{}");
            execute(tx, "SELECT pg_sleep(0.5)");

            List<Row> rows = read(tx, queue, 30, 1);

            assertThat(queueRowIn(tx, queue, id).instant("vt")).isAfter(now);
            assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
            tx.commit();
        }
    }

    @Test
    void aMessageSentEarlierInTheSameTransactionIsReadable() throws SQLException {
        String queue = createQueue();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            long id = send(tx, queue, "{}");

            assertThat(read(tx, queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
            tx.commit();
        }
    }

    @Test
    void vtAndLastReadAtOfAReadComeFromClockTimeInsideALongTransaction() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        LateResult<Row> late = lateInOneTransaction(Duration.ofMillis(400), tx -> read(tx, queue, 10, 1).getFirst());

        Row row = late.result();
        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.instant("vt")).isAfterOrEqualTo(late.transactionStart().plusMillis(10_400));
        if (hasLastReadAt()) {
            assertThat(row.instant("last_read_at")).isAfterOrEqualTo(late.transactionStart().plusMillis(400));
        }
    }

    private Row queueRowIn(Connection connection, String queue, long id) throws SQLException {
        return query(connection, "SELECT * FROM pgmq.q_" + queue + " WHERE msg_id = ?::bigint", id).getFirst();
    }
}
