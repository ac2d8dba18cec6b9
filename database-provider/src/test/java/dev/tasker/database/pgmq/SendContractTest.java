package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B.7: the six send overloads. */
class SendContractTest extends PgmqContract {

    private static final Instant ABSOLUTE_VT = Instant.parse("2031-02-03T04:05:06.123456Z");

    @Test
    void sendReturnsTheNewIdAndStoresTheMessageVisibleNow() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        List<Long> ids = longs(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb)", queue, "{\"a\":1,\"b\":[1,2]}");

        Instant after = serverClock();
        assertThat(ids).hasSize(1);
        Row row = queueRow(queue, ids.getFirst());
        assertThat(row.text("message")).isEqualTo(jsonb("{\"a\":1,\"b\":[1,2]}"));
        assertThat(row.text("headers")).isNull();
        assertThat(row.getInt("read_ct")).isZero();
        assertThat(row.instant("vt")).isBetween(before, after);
        if (row.has("last_read_at")) {
            assertThat(row.get("last_read_at")).isNull();
        }
        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(ids.getFirst());
    }

    @Test
    void idsIncreaseWithEverySend() throws SQLException {
        String queue = createQueue();
        long first = send(queue, "{}");
        long second = send(queue, "{}");
        long third = send(queue, "{}");
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void sendWithHeadersStoresTheHeaders() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb)", queue, "{\"m\":1}",
                "{\"x-trace\":\"abc\",\"n\":2}");

        Instant after = serverClock();
        Row row = queueRow(queue, id);
        assertThat(row.text("message")).isEqualTo(jsonb("{\"m\":1}"));
        assertThat(row.text("headers")).isEqualTo(jsonb("{\"x-trace\":\"abc\",\"n\":2}"));
        assertThat(row.instant("vt")).isBetween(before, after);
        assertThat(read(queue, 30, 1).getFirst().text("headers")).isEqualTo(jsonb("{\"x-trace\":\"abc\",\"n\":2}"));
    }

    @Test
    void sendWithIntegerDelaySetsVtToClockPlusDelay() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::int)", queue, "{}", 120);

        Instant after = serverClock();
        Row row = queueRow(queue, id);
        assertThat(row.instant("vt")).isBetween(before.plusSeconds(120), after.plusSeconds(120));
        assertThat(row.text("headers")).isNull();
        assertThat(read(queue, 30, 1)).isEmpty();
    }

    @Test
    void sendWithTimestamptzDelaySetsVtToExactlyThatTime() throws SQLException {
        String queue = createQueue();

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::timestamptz)", queue, "{}",
                ABSOLUTE_VT);

        Row row = queueRow(queue, id);
        assertThat(row.instant("vt")).isEqualTo(ABSOLUTE_VT);
        assertThat(row.text("headers")).isNull();
        assertThat(read(queue, 30, 1)).isEmpty();
    }

    @Test
    void sendWithHeadersAndIntegerDelay() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::int)", queue, "{\"m\":2}",
                "{\"h\":true}", 60);

        Instant after = serverClock();
        Row row = queueRow(queue, id);
        assertThat(row.text("message")).isEqualTo(jsonb("{\"m\":2}"));
        assertThat(row.text("headers")).isEqualTo(jsonb("{\"h\":true}"));
        assertThat(row.instant("vt")).isBetween(before.plusSeconds(60), after.plusSeconds(60));
    }

    @Test
    void sendWithHeadersAndTimestamptzDelay() throws SQLException {
        String queue = createQueue();

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::timestamptz)", queue,
                "{\"m\":3}", "{\"h\":[1]}", ABSOLUTE_VT);

        Row row = queueRow(queue, id);
        assertThat(row.text("message")).isEqualTo(jsonb("{\"m\":3}"));
        assertThat(row.text("headers")).isEqualTo(jsonb("{\"h\":[1]}"));
        assertThat(row.instant("vt")).isEqualTo(ABSOLUTE_VT);
    }

    @Test
    void aTimestamptzDelayInThePastIsVisibleAtOnce() throws SQLException {
        String queue = createQueue();
        Instant past = Instant.parse("2001-01-01T00:00:00Z");

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::timestamptz)", queue, "{}", past);

        assertThat(queueRow(queue, id).instant("vt")).isEqualTo(past);
        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void aNegativeIntegerDelayMeansAlreadyVisible() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::int)", queue, "{}", -30);

        Instant after = serverClock();
        assertThat(queueRow(queue, id).instant("vt")).isBetween(before.minusSeconds(30), after.minusSeconds(30));
        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void aNullMessageIsStoredAsNull() throws SQLException {
        String queue = createQueue();
        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, NULL::jsonb)", queue);
        assertThat(queueRow(queue, id).text("message")).isNull();
    }

    @Test
    void enqueuedAtIsTransactionTimeWhileVtIsClockTime() throws SQLException {
        String queue = createQueue();
        LateResult<List<Long>> late = lateInOneTransaction(Duration.ofMillis(300), tx -> List.of(
                longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb)", queue, "{}"),
                longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::int)", queue, "{}", 10)));
        Instant now = late.transactionStart();

        Row row = queueRow(queue, late.result().get(0));
        assertThat(row.instant("enqueued_at")).isEqualTo(now);
        assertThat(row.instant("vt")).isAfterOrEqualTo(now.plusMillis(300));
        Row delayedRow = queueRow(queue, late.result().get(1));
        assertThat(delayedRow.instant("enqueued_at")).isEqualTo(now);
        assertThat(delayedRow.instant("vt")).isAfterOrEqualTo(now.plusMillis(10_300));
    }

    @Test
    void everyRelativeOverloadTakesVtFromClockTimeNotTransactionStart() throws SQLException {
        String queue = createQueue();
        LateResult<List<Long>> sent = lateInOneTransaction(Duration.ofMillis(300), tx -> List.of(
                longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb)", queue, "{}"),
                longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb)", queue, "{}", "{}"),
                longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::int)", queue, "{}", 7),
                longValue(tx, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::int)", queue, "{}", "{}", 9)));
        Instant late = sent.transactionStart().plusMillis(300);
        List<Long> ids = sent.result();

        assertThat(queueRow(queue, ids.get(0)).instant("vt")).as("plain").isAfterOrEqualTo(late);
        assertThat(queueRow(queue, ids.get(1)).instant("vt")).as("headers").isAfterOrEqualTo(late);
        assertThat(queueRow(queue, ids.get(2)).instant("vt")).as("delay").isAfterOrEqualTo(late.plusSeconds(7));
        assertThat(queueRow(queue, ids.get(3)).instant("vt")).as("both").isAfterOrEqualTo(late.plusSeconds(9));
        for (long id : ids) {
            assertThat(queueRow(queue, id).instant("enqueued_at")).isEqualTo(sent.transactionStart());
        }
    }

    @Test
    void untypedLiteralsForTheThirdArgumentAreAmbiguous() throws SQLException {
        String queue = createQueue();

        PgError error = expectError(db, "SELECT pgmq.send('" + queue + "', '{\"a\":1}', '{\"h\":1}')");

        assertThat(error.message()).isEqualTo("function pgmq.send(unknown, unknown, unknown) is not unique");
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void integerAndTimestamptzThirdArgumentsResolveWithUntypedMessageLiterals() throws SQLException {
        String queue = createQueue();
        Instant before = serverClock();

        long delayed = longValue(db, "SELECT * FROM pgmq.send('" + queue + "', '{\"a\":1}', 5)");
        long absolute = longValue(db, "SELECT * FROM pgmq.send('" + queue
                + "', '{\"a\":2}', '2031-02-03 04:05:06.123456+00'::timestamptz)");
        long plain = longValue(db, "SELECT * FROM pgmq.send('" + queue + "', '{\"a\":3}')");
        long cast = longValue(db, "SELECT * FROM pgmq.send('" + queue + "', '{\"a\":4}', '{\"h\":1}'::jsonb)");

        Instant after = serverClock();
        assertThat(queueRow(queue, delayed).instant("vt")).isBetween(before.plusSeconds(5), after.plusSeconds(5));
        assertThat(queueRow(queue, absolute).instant("vt")).isEqualTo(ABSOLUTE_VT);
        assertThat(queueRow(queue, plain).text("message")).isEqualTo(jsonb("{\"a\":3}"));
        assertThat(queueRow(queue, cast).text("headers")).isEqualTo(jsonb("{\"h\":1}"));
    }

    @Test
    void sendReturnsSetofBigint() throws SQLException {
        String queue = createQueue();
        List<Row> rows = query(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb)", queue, "{}");
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get(rows.getFirst().columns().getFirst())).isInstanceOf(Long.class);
    }
}
