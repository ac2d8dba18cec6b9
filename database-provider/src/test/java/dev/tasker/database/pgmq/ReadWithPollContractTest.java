package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** B.9.2: read_with_poll. */
class ReadWithPollContractTest extends PgmqContract {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterAll
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void returnsAtOnceWhenMessagesAreVisible() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        long start = System.nanoTime();

        List<Row> rows = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)",
                queue, 30, 5, 10, 100);

        assertThat(millisSince(start)).as("elapsed ms, max_poll_seconds is 10").isLessThan(5_000);
        // fewer than qty is fine: it returns as soon as a pass finds anything
        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        assertThat(rows.getFirst().getInt("read_ct")).isEqualTo(1);
    }

    @Test
    void returnsEarlyWhenAMessageArrivesFromAnotherConnection() throws Exception {
        String queue = createQueue();
        Connection poller = open();
        Connection sender = open();
        long start = System.nanoTime();

        CompletableFuture<List<Row>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return query(poller, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)",
                        queue, 30, 1, 10, 100);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        }, executor);
        Thread.sleep(500);
        assertThat(polled).as("still polling after 0.5 s on an empty queue").isNotDone();
        long id = send(sender, queue, "{\"late\":true}");

        List<Row> rows = polled.get(15, TimeUnit.SECONDS);
        long elapsed = millisSince(start);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        assertThat(elapsed).as("elapsed ms, max_poll_seconds is 10").isGreaterThanOrEqualTo(500).isLessThan(5_000);
    }

    @Test
    void returnsEmptyAtTheDeadline() throws SQLException {
        String queue = createQueue();
        long start = System.nanoTime();

        List<Row> rows = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)",
                queue, 30, 1, 1, 100);

        long elapsed = millisSince(start);
        assertThat(rows).isEmpty();
        assertThat(elapsed).as("elapsed ms, max_poll_seconds is 1").isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void doesNotReturnInvisibleMessagesWhilePolling() throws SQLException {
        String queue = createQueue();
        sendDelayed(queue, "{}", 3600);
        long start = System.nanoTime();

        List<Row> rows = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)",
                queue, 30, 1, 1, 50);

        assertThat(rows).isEmpty();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void zeroMaxPollSecondsReturnsNothingEvenWhenMessagesAreVisible() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)", queue, 30,
                1, 0, 100)).isEmpty();
        assertThat(queueRow(queue, id).getInt("read_ct")).as("not read at all").isZero();
        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void negativeMaxPollSecondsReturnsNothingEvenWhenMessagesAreVisible() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)", queue, 30,
                1, -5, 100)).isEmpty();
        assertThat(queueRow(queue, id).getInt("read_ct")).isZero();
    }

    @Test
    void usesDefaultsForPollArguments() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int)", queue, 30, 1);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void setsVtAndReadCountLikeRead() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        java.time.Instant before = serverClock();

        Row row = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)", queue, 40,
                1, 5, 100).getFirst();

        java.time.Instant after = serverClock();
        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.getInt("read_ct")).isEqualTo(1);
        assertThat(row.instant("vt")).isBetween(before.plusSeconds(40), after.plusSeconds(40));
        if (hasLastReadAt()) {
            assertThat(row.instant("last_read_at")).isBetween(before, after);
        }
    }

    @Test
    void vtComesFromClockTimeInsideALongTransaction() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        LateResult<Row> late = lateInOneTransaction(java.time.Duration.ofMillis(400), tx ->
                query(tx, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)", queue, 10, 1, 5,
                        100).getFirst());

        Row row = late.result();
        assertThat(row.getLong("msg_id")).isEqualTo(id);
        assertThat(row.instant("vt")).isAfterOrEqualTo(late.transactionStart().plusMillis(10_400));
        if (hasLastReadAt()) {
            assertThat(row.instant("last_read_at")).isAfterOrEqualTo(late.transactionStart().plusMillis(400));
        }
    }

    @Test
    void honoursQtyAndConditional() throws SQLException {
        String queue = createQueue();
        long a1 = send(queue, "{\"t\":\"a\"}");
        send(queue, "{\"t\":\"b\"}");
        long a2 = send(queue, "{\"t\":\"a\"}");
        long a3 = send(queue, "{\"t\":\"a\"}");

        List<Row> rows = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int, "
                + "?::jsonb)", queue, 30, 2, 2, 100, "{\"t\":\"a\"}");

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactlyInAnyOrder(a1, a2);
        assertThat(query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int, ?::jsonb)",
                queue, 30, 5, 2, 100, "{\"t\":\"a\"}")).extracting(r -> r.getLong("msg_id")).containsExactly(a3);
    }

    @Test
    void picksUpAMessageWhoseDelayEndsDuringThePoll() throws SQLException {
        String queue = createQueue();
        long id = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, clock_timestamp() + interval '400 ms')",
                queue, "{}");
        long start = System.nanoTime();

        List<Row> rows = query(db, "SELECT * FROM pgmq.read_with_poll(?::text, ?::int, ?::int, ?::int, ?::int)",
                queue, 30, 1, 10, 50);

        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        assertThat(millisSince(start)).as("elapsed ms, max_poll_seconds is 10").isLessThan(5_000);
    }
}
