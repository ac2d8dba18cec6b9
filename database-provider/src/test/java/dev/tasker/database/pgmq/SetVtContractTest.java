package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B.8: the four set_vt overloads. */
class SetVtContractTest extends PgmqContract {

    private static final Instant ABSOLUTE_VT = Instant.parse("2033-04-05T06:07:08.987654Z");

    @Test
    void setVtSecondsSetsVtFromClockAndReturnsTheRecord() throws SQLException {
        String queue = createQueue();
        long id = sendWithHeaders(queue, "{\"m\":1}", "{\"h\":1}");
        Instant before = serverClock();

        List<Row> rows = query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id, 90);

        Instant after = serverClock();
        assertThat(rows).hasSize(1);
        Row row = rows.getFirst();
        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.instant("vt")).isBetween(before.plusSeconds(90), after.plusSeconds(90));
        assertThat(row.text("message")).isEqualTo(jsonb("{\"m\":1}"));
        assertThat(row.text("headers")).isEqualTo(jsonb("{\"h\":1}"));
        assertThat(queueRow(queue, id).instant("vt")).isEqualTo(row.instant("vt"));
        assertThat(read(queue, 30, 1)).isEmpty();
    }

    @Test
    void setVtLeavesReadCountAndLastReadAtUnchanged() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        Row read = read(queue, 0, 1).getFirst();

        Row row = query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id, 60).getFirst();

        assertThat(row.getInt("read_ct")).isEqualTo(1);
        assertThat(queueRow(queue, id).getInt("read_ct")).isEqualTo(1);
        if (hasLastReadAt()) {
            assertThat(row.instant("last_read_at")).isEqualTo(read.instant("last_read_at"));
        }
    }

    @Test
    void setVtZeroOrNegativeMakesAMessageVisibleAgain() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        read(queue, 300, 1);
        assertThat(read(queue, 30, 1)).isEmpty();

        query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id, 0);
        assertThat(read(queue, 300, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);

        query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id, -10);
        assertThat(read(queue, 300, 1)).extracting(r -> r.getInt("read_ct")).containsExactly(3);
    }

    @Test
    void setVtOfAMissingIdReturnsAnEmptySet() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id + 100, 30)).isEmpty();
    }

    @Test
    void setVtSecondsUsesClockTimeInsideALongTransaction() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        LateResult<Row> late = lateInOneTransaction(Duration.ofMillis(400), tx ->
                query(tx, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id, 10).getFirst());

        assertThat(late.result().instant("vt")).isAfterOrEqualTo(late.transactionStart().plusMillis(10_400));
    }

    @Test
    void setVtArraySecondsUsesClockTimeInsideALongTransaction() throws SQLException {
        assumeAtLeast(1, 8, 0, "set_vt(queue, msg_ids bigint[], integer)");
        String queue = createQueue();
        long id = send(queue, "{}");
        LateResult<Row> late = lateInOneTransaction(Duration.ofMillis(400), tx ->
                query(tx, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint[], ?::int)", queue, bigintArray(tx, id), 10)
                        .getFirst());

        assertThat(late.result().instant("vt")).isAfterOrEqualTo(late.transactionStart().plusMillis(10_400));
    }

    @Test
    void setVtTimestamptzSetsTheExactTime() throws SQLException {
        assumeAtLeast(1, 10, 0, "set_vt(queue, msg_id, timestamptz)");
        String queue = createQueue();
        long id = send(queue, "{\"m\":2}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::timestamptz)", queue, id,
                ABSOLUTE_VT);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        assertThat(rows.getFirst().instant("vt")).isEqualTo(ABSOLUTE_VT);
        assertThat(rows.getFirst().getInt("read_ct")).isZero();
        assertThat(queueRow(queue, id).instant("vt")).isEqualTo(ABSOLUTE_VT);
        assertThat(query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::timestamptz)", queue, id + 100,
                ABSOLUTE_VT)).isEmpty();
    }

    @Test
    void setVtTimestamptzInThePastMakesTheMessageVisible() throws SQLException {
        assumeAtLeast(1, 10, 0, "set_vt(queue, msg_id, timestamptz)");
        String queue = createQueue();
        long id = sendDelayed(queue, "{}", 3600);
        Instant past = Instant.parse("2000-01-01T00:00:00Z");

        query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::timestamptz)", queue, id, past);

        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void setVtArraySecondsUpdatesTheExistingIds() throws SQLException {
        assumeAtLeast(1, 8, 0, "set_vt(queue, msg_ids bigint[], integer)");
        String queue = createQueue();
        long a = send(queue, "{\"n\":1}");
        long b = send(queue, "{\"n\":2}");
        long c = send(queue, "{\"n\":3}");
        read(queue, 0, 1);
        Instant before = serverClock();

        List<Row> rows = query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint[], ?::int)", queue,
                bigintArray(db, a, b, c + 1000), 200);

        Instant after = serverClock();
        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactlyInAnyOrder(a, b);
        for (Row row : rows) {
            assertThat(row.instant("vt")).isBetween(before.plusSeconds(200), after.plusSeconds(200));
            assertThat(row.getInt("read_ct")).isEqualTo(row.getLong("msg_id") == a ? 1 : 0);
        }
        assertThat(read(queue, 30, 10)).extracting(r -> r.getLong("msg_id")).containsExactly(c);
    }

    @Test
    void setVtArrayOfUnknownIdsReturnsAnEmptySet() throws SQLException {
        assumeAtLeast(1, 8, 0, "set_vt(queue, msg_ids bigint[], integer)");
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint[], ?::int)", queue,
                bigintArray(db, id + 1, id + 2), 30)).isEmpty();
        assertThat(query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint[], ?::int)", queue, bigintArray(db), 30))
                .isEmpty();
    }

    @Test
    void setVtArrayTimestamptzSetsTheExactTime() throws SQLException {
        assumeAtLeast(1, 10, 0, "set_vt(queue, msg_ids bigint[], timestamptz)");
        String queue = createQueue();
        long a = send(queue, "{}");
        long b = send(queue, "{}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint[], ?::timestamptz)", queue,
                bigintArray(db, a, b, b + 50), ABSOLUTE_VT);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactlyInAnyOrder(a, b);
        assertThat(rows).allSatisfy(r -> assertThat(r.instant("vt")).isEqualTo(ABSOLUTE_VT));
        assertThat(queueRow(queue, a).instant("vt")).isEqualTo(ABSOLUTE_VT);
        assertThat(queueRow(queue, b).instant("vt")).isEqualTo(ABSOLUTE_VT);
    }

    @Test
    void setVtReturnsMessageRecordColumns() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        Row row = query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, id, 5).getFirst();

        assertThat(row.columns()).contains("msg_id", "read_ct", "enqueued_at", "vt", "message", "headers");
        if (hasLastReadAt()) {
            assertThat(row.columns()).contains("last_read_at");
        }
    }
}
