package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B.7: the six send_batch overloads and their validation. */
class SendBatchContractTest extends PgmqContract {

    private static final Instant ABSOLUTE_VT = Instant.parse("2032-03-04T05:06:07.654321Z");
    private static final String[] MESSAGES = {"{\"n\":1}", "{\"n\":2}", "{\"n\":3}"};
    private static final String[] HEADERS = {"{\"h\":\"a\"}", "{\"h\":\"b\"}", "{\"h\":\"c\"}"};

    @Test
    void sendBatchReturnsIdsInArrayOrderVisibleNow() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue,
                jsonbArray(db, MESSAGES));

        Instant after = serverClock();
        assertMessagesInOrder(queue, ids, null);
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("vt")).isBetween(before, after);
            assertThat(queueRow(queue, id).getInt("read_ct")).isZero();
        }
        assertThat(read(queue, 30, 10)).hasSize(3);
    }

    @Test
    void sendBatchWithHeadersStoresEachRowsHeaders() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[])", queue,
                jsonbArray(db, MESSAGES), jsonbArray(db, HEADERS));

        Instant after = serverClock();
        assertMessagesInOrder(queue, ids, HEADERS);
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("vt")).isBetween(before, after);
        }
    }

    @Test
    void sendBatchWithNullHeadersStoresNullHeaders() throws SQLException {
        String queue = createQueue();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], NULL::jsonb[])", queue,
                jsonbArray(db, MESSAGES));

        assertMessagesInOrder(queue, ids, null);
    }

    @Test
    void sendBatchWithIntegerDelay() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::int)", queue,
                jsonbArray(db, MESSAGES), 90);

        Instant after = serverClock();
        assertMessagesInOrder(queue, ids, null);
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("vt")).isBetween(before.plusSeconds(90), after.plusSeconds(90));
        }
        assertThat(read(queue, 30, 10)).isEmpty();
    }

    @Test
    void sendBatchWithTimestamptzDelay() throws SQLException {
        String queue = createQueue();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::timestamptz)", queue,
                jsonbArray(db, MESSAGES), ABSOLUTE_VT);

        assertMessagesInOrder(queue, ids, null);
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("vt")).isEqualTo(ABSOLUTE_VT);
        }
    }

    @Test
    void sendBatchWithHeadersAndIntegerDelay() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[], ?::int)", queue,
                jsonbArray(db, MESSAGES), jsonbArray(db, HEADERS), 45);

        Instant after = serverClock();
        assertMessagesInOrder(queue, ids, HEADERS);
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("vt")).isBetween(before.plusSeconds(45), after.plusSeconds(45));
        }
    }

    @Test
    void sendBatchWithHeadersAndTimestamptzDelay() throws SQLException {
        String queue = createQueue();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[], ?::timestamptz)",
                queue, jsonbArray(db, MESSAGES), jsonbArray(db, HEADERS), ABSOLUTE_VT);

        assertMessagesInOrder(queue, ids, HEADERS);
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("vt")).isEqualTo(ABSOLUTE_VT);
        }
    }

    @Test
    void everyRelativeOverloadTakesVtFromClockTimeNotTransactionStart() throws SQLException {
        String queue = createQueue();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            Instant now = transactionNow(tx);
            execute(tx, "SELECT pg_sleep(0.3)");
            Instant late = now.plus(Duration.ofMillis(300));

            List<Long> plain = longs(tx, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue,
                    jsonbArray(tx, "{}", "{}"));
            List<Long> headers = longs(tx, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[])", queue,
                    jsonbArray(tx, "{}"), jsonbArray(tx, "{}"));
            List<Long> delayed = longs(tx, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::int)", queue,
                    jsonbArray(tx, "{}"), 7);
            List<Long> both = longs(tx, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[], ?::int)",
                    queue, jsonbArray(tx, "{}"), jsonbArray(tx, "{}"), 9);
            tx.commit();

            for (long id : plain) {
                assertThat(queueRow(queue, id).instant("vt")).isAfterOrEqualTo(late);
            }
            assertThat(queueRow(queue, headers.getFirst()).instant("vt")).isAfterOrEqualTo(late);
            assertThat(queueRow(queue, delayed.getFirst()).instant("vt")).isAfterOrEqualTo(late.plusSeconds(7));
            assertThat(queueRow(queue, both.getFirst()).instant("vt")).isAfterOrEqualTo(late.plusSeconds(9));
            assertThat(queueRow(queue, both.getFirst()).instant("enqueued_at")).isEqualTo(now);
        }
    }

    @Test
    void aBatchOfOneWorks() throws SQLException {
        String queue = createQueue();
        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue,
                jsonbArray(db, "{\"only\":1}"));
        assertThat(ids).hasSize(1);
        assertThat(queueRow(queue, ids.getFirst()).text("message")).isEqualTo(jsonb("{\"only\":1}"));
    }

    @Test
    void aNullMessageArrayIsRejected() throws SQLException {
        assumeAtLeast(1, 11, 0, "send_batch validation (_validate_batch_params)");
        String queue = createQueue();

        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch(?::text, NULL::jsonb[])", queue).message())
                .isEqualTo("msgs cannot be NULL or empty");
        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch(?::text, NULL::jsonb[], ?::int)", queue, 5)
                .message()).isEqualTo("msgs cannot be NULL or empty");
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void anEmptyMessageArrayIsRejectedByEveryOverload() throws SQLException {
        assumeAtLeast(1, 11, 0, "send_batch validation (_validate_batch_params)");
        String queue = createQueue();
        List<String> calls = List.of(
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY[]::jsonb[])",
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY[]::jsonb[], ARRAY[]::jsonb[])",
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY[]::jsonb[], 5)",
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY[]::jsonb[], now())",
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY[]::jsonb[], NULL::jsonb[], 5)",
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY[]::jsonb[], NULL::jsonb[], now())");

        for (String call : calls) {
            assertThat(expectError(db, call, queue).message()).as(call).isEqualTo("msgs cannot be NULL or empty");
        }
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void headersOfAnotherLengthAreRejectedWithBothLengths() throws SQLException {
        assumeAtLeast(1, 11, 0, "send_batch validation (_validate_batch_params)");
        String queue = createQueue();

        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[])", queue,
                jsonbArray(db, MESSAGES), jsonbArray(db, "{}")).message())
                .isEqualTo("headers array length (1) must match msgs array length (3)");
        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[], ?::int)", queue,
                jsonbArray(db, "{}"), jsonbArray(db, "{}", "{}", "{}", "{}"), 0).message())
                .isEqualTo("headers array length (4) must match msgs array length (1)");
        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[], now())", queue,
                jsonbArray(db, "{}", "{}"), jsonbArray(db)).message())
                .isEqualTo("headers array length (0) must match msgs array length (2)");
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void aLargeBatchKeepsArrayOrder() throws SQLException {
        String queue = createQueue();
        String[] many = new String[50];
        for (int i = 0; i < many.length; i++) {
            many[i] = "{\"i\":" + i + "}";
        }

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue, jsonbArray(db, many));

        assertThat(ids).hasSize(50).isSorted().doesNotHaveDuplicates();
        // enqueued_at is the transaction time for every row of the batch
        assertThat(longValue(db, "SELECT count(DISTINCT enqueued_at) FROM pgmq.q_" + queue)).isEqualTo(1);
        for (int i = 0; i < many.length; i += 7) {
            assertThat(queueRow(queue, ids.get(i)).text("message")).isEqualTo(jsonb(many[i]));
        }
    }

    private void assertMessagesInOrder(String queue, List<Long> ids, String[] headers) throws SQLException {
        assertThat(ids).hasSize(MESSAGES.length).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < ids.size(); i++) {
            Row row = queueRow(queue, ids.get(i));
            assertThat(row.text("message")).as("message of id #%d", i).isEqualTo(jsonb(MESSAGES[i]));
            if (headers == null) {
                assertThat(row.text("headers")).as("headers of id #%d", i).isNull();
            } else {
                assertThat(row.text("headers")).as("headers of id #%d", i).isEqualTo(jsonb(headers[i]));
            }
        }
    }
}
