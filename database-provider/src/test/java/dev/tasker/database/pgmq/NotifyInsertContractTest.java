package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** B.10: insert notifications (1.7.0+), throttling (1.8.0+), update/list (1.11.0+). */
class NotifyInsertContractTest extends PgmqContract {

    private static final int ARRIVAL_TIMEOUT_MS = 5_000;
    /** How long to wait for notifications that must not come. */
    private static final int QUIET_MS = 400;
    private static final Instant EPOCH = Instant.EPOCH;

    @BeforeEach
    void needsNotifyInsert() {
        assumeAtLeast(1, 7, 0, "enable_notify_insert / disable_notify_insert");
    }

    @Test
    void aSendNotifiesTheInsertChannelWithAnEmptyPayload() throws SQLException {
        String queue = createQueue();
        enableNotify(queue, 0);
        Listener listener = listen(queue);

        send(queue, "{}");

        List<PGNotification> received = listener.await(1);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getName()).isEqualTo("pgmq.q_" + queue + ".INSERT");
        assertThat(received.getFirst().getParameter()).isEmpty();
        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void enableCreatesADeferrableConstraintTriggerOnTheQueueTable() throws SQLException {
        String queue = createQueue();
        enableNotify(queue, 0);

        List<Row> triggers = query(db, "SELECT tgname::text AS name, tgconstraint <> 0 AS is_constraint, "
                + "tgdeferrable AS deferrable FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal",
                "pgmq.q_" + queue);

        assertThat(triggers).hasSize(1);
        assertThat(triggers.getFirst().text("name")).isEqualTo("trigger_notify_queue_insert_listeners");
        assertThat(triggers.getFirst().bool("is_constraint")).isTrue();
        assertThat(triggers.getFirst().bool("deferrable")).isTrue();
    }

    @Test
    void withoutEnableThereIsNoNotification() throws SQLException {
        String queue = createQueue();
        Listener listener = listen(queue);

        send(queue, "{}");

        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void aBatchSendNotifiesOnce() throws SQLException {
        String queue = createQueue();
        enableNotify(queue, 0);
        Listener listener = listen(queue);

        longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue, jsonbArray(db, "{}", "{}", "{}"));

        assertThat(listener.await(1)).hasSize(1);
        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void severalSendsInOneTransactionNotifyOnceAtCommit() throws SQLException {
        String queue = createQueue();
        enableNotify(queue, 0);
        Listener listener = listen(queue);
        Connection tx = open();
        tx.setAutoCommit(false);

        send(tx, queue, "{}");
        send(tx, queue, "{}");
        send(tx, queue, "{}");
        assertThat(listener.quiet()).as("nothing before commit").isEmpty();
        tx.commit();

        assertThat(listener.await(1)).hasSize(1);
        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void aRolledBackSendDoesNotNotify() throws SQLException {
        String queue = createQueue();
        enableNotify(queue, 0);
        Listener listener = listen(queue);
        Connection tx = open();
        tx.setAutoCommit(false);

        send(tx, queue, "{}");
        tx.rollback();

        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void zeroIntervalNotifiesEveryTransaction() throws SQLException {
        assumeAtLeast(1, 8, 0, "throttled insert notifications");
        String queue = createQueue();
        enableNotify(queue, 0);
        Listener listener = listen(queue);

        send(queue, "{}");
        send(queue, "{}");
        send(queue, "{}");

        assertThat(listener.await(3)).hasSize(3);
        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void aLargeIntervalSuppressesFurtherNotificationsWithinIt() throws SQLException {
        assumeAtLeast(1, 8, 0, "throttled insert notifications");
        String queue = createQueue();
        enableNotify(queue, 600_000);
        Listener listener = listen(queue);

        send(queue, "{}");
        assertThat(listener.await(1)).as("the first send after enable notifies").hasSize(1);

        send(queue, "{}");
        longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue, jsonbArray(db, "{}", "{}"));
        assertThat(listener.quiet()).as("throttled within the interval").isEmpty();
        assertThat(queueCount(queue)).isEqualTo(4);
    }

    @Test
    void enableRegistersTheThrottleRowAtTheEpoch() throws SQLException {
        assumeAtLeast(1, 8, 0, "pgmq.notify_insert_throttle");
        String queue = createQueue();

        enableNotify(queue, 1234);

        Row row = throttleRow(queue);
        assertThat(row.getInt("throttle_interval_ms")).isEqualTo(1234);
        assertThat(row.instant("last_notified_at")).isEqualTo(EPOCH);
    }

    @Test
    void aNotificationUpdatesLastNotifiedAt() throws SQLException {
        assumeAtLeast(1, 8, 0, "pgmq.notify_insert_throttle");
        String queue = createQueue();
        enableNotify(queue, 0);
        Instant before = serverClock();

        send(queue, "{}");

        Instant after = serverClock();
        assertThat(throttleRow(queue).instant("last_notified_at")).isBetween(before, after);
    }

    @Test
    void enablingAgainReplacesTheIntervalResetsTheEpochAndKeepsOneTrigger() throws SQLException {
        assumeAtLeast(1, 8, 0, "re-enabling with a throttle interval");
        String queue = createQueue();
        enableNotify(queue, 600_000);
        Listener listener = listen(queue);
        send(queue, "{}");
        assertThat(listener.await(1)).hasSize(1);

        enableNotify(queue, 0);

        Row row = throttleRow(queue);
        assertThat(row.getInt("throttle_interval_ms")).isZero();
        assertThat(row.instant("last_notified_at")).isEqualTo(EPOCH);
        assertThat(longValue(db, "SELECT count(*) FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal",
                "pgmq.q_" + queue)).isEqualTo(1);
        send(queue, "{}");
        send(queue, "{}");
        assertThat(listener.await(2)).hasSize(2);
        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void disableStopsNotifications() throws SQLException {
        String queue = createQueue();
        enableNotify(queue, 0);
        Listener listener = listen(queue);
        send(queue, "{}");
        assertThat(listener.await(1)).hasSize(1);

        query(db, "SELECT pgmq.disable_notify_insert(?::text)", queue);
        send(queue, "{}");

        assertThat(listener.quiet()).isEmpty();
        assertThat(longValue(db, "SELECT count(*) FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal",
                "pgmq.q_" + queue)).isZero();
    }

    @Test
    void disableDeletesTheThrottleRowAndIsHarmlessWhenNotEnabled() throws SQLException {
        assumeAtLeast(1, 8, 0, "pgmq.notify_insert_throttle");
        String queue = createQueue();
        query(db, "SELECT pgmq.disable_notify_insert(?::text)", queue);
        enableNotify(queue, 0);

        query(db, "SELECT pgmq.disable_notify_insert(?::text)", queue);

        assertThat(longValue(db, "SELECT count(*) FROM pgmq.notify_insert_throttle WHERE queue_name = ?::text",
                queue)).isZero();
    }

    @Test
    void dropQueueCascadesToTheThrottleRow() throws SQLException {
        assumeAtLeast(1, 8, 0, "pgmq.notify_insert_throttle");
        String queue = createQueue();
        enableNotify(queue, 100);
        assertThat(throttleRow(queue)).isNotNull();

        query(db, "SELECT pgmq.drop_queue(?::text)", queue);

        assertThat(longValue(db, "SELECT count(*) FROM pgmq.notify_insert_throttle WHERE queue_name = ?::text",
                queue)).isZero();
    }

    @Test
    void enableRejectsANegativeInterval() throws SQLException {
        assumeAtLeast(1, 8, 0, "enable_notify_insert(queue, throttle_interval_ms)");
        String queue = createQueue();

        PgError error = expectError(db, "SELECT pgmq.enable_notify_insert(?::text, ?::int)", queue, -1);

        assertThat(error.message()).isEqualTo("throttle_interval_ms must be non-negative");
        assertThat(longValue(db, "SELECT count(*) FROM pgmq.notify_insert_throttle WHERE queue_name = ?::text",
                queue)).isZero();
    }

    @Test
    void enableRejectsAMissingQueue() {
        assumeAtLeast(1, 8, 0, "enable_notify_insert(queue, throttle_interval_ms)");
        String queue = "ct_nope_" + randomSuffix(8);

        PgError error = expectError(db, "SELECT pgmq.enable_notify_insert(?::text, ?::int)", queue, 0);

        assertThat(error.message())
                .isEqualTo("Queue \"" + queue + "\" does not exist. Create it first using pgmq.create()");
    }

    @Test
    void enableRejectsInvalidNames() {
        PgError error = atLeast(1, 8, 0)
                ? expectError(db, "SELECT pgmq.enable_notify_insert(?::text, ?::int)", "ct_a;b", 0)
                : expectError(db, "SELECT pgmq.enable_notify_insert(?::text)", "ct_a;b");
        assertThat(error.message()).isEqualTo(INVALID_CHARACTERS);
    }

    @Test
    void updateNotifyInsertChangesTheInterval() throws SQLException {
        assumeAtLeast(1, 11, 0, "update_notify_insert");
        String queue = createQueue();
        enableNotify(queue, 600_000);
        Listener listener = listen(queue);
        send(queue, "{}");
        assertThat(listener.await(1)).hasSize(1);
        send(queue, "{}");
        assertThat(listener.quiet()).as("throttled").isEmpty();

        query(db, "SELECT pgmq.update_notify_insert(?::text, ?::int)", queue, 0);

        assertThat(throttleRow(queue).getInt("throttle_interval_ms")).isZero();
        send(queue, "{}");
        send(queue, "{}");
        assertThat(listener.await(2)).hasSize(2);
        assertThat(listener.quiet()).isEmpty();
    }

    @Test
    void updateNotifyInsertResetsTheLastNotificationTimeSoTheNextSendNotifies() throws SQLException {
        assumeAtLeast(1, 11, 0, "update_notify_insert");
        String queue = createQueue();
        enableNotify(queue, 600_000);
        Listener listener = listen(queue);
        send(queue, "{}");
        assertThat(listener.await(1)).hasSize(1);
        assertThat(throttleRow(queue).instant("last_notified_at")).isAfter(EPOCH);

        query(db, "SELECT pgmq.update_notify_insert(?::text, ?::int)", queue, 300_000);

        assertThat(throttleRow(queue).instant("last_notified_at")).isEqualTo(EPOCH);
        send(queue, "{}");
        assertThat(listener.await(1)).as("the first send after the update notifies").hasSize(1);
        send(queue, "{}");
        assertThat(listener.quiet()).as("then the new interval throttles").isEmpty();
    }

    @Test
    void updateNotifyInsertRejectsANegativeInterval() throws SQLException {
        assumeAtLeast(1, 11, 0, "update_notify_insert");
        String queue = createQueue();
        enableNotify(queue, 0);

        PgError error = expectError(db, "SELECT pgmq.update_notify_insert(?::text, ?::int)", queue, -5);

        assertThat(error.message()).isEqualTo("throttle_interval_ms must be non-negative, got: -5");
    }

    @Test
    void updateNotifyInsertRejectsAMissingQueue() {
        assumeAtLeast(1, 11, 0, "update_notify_insert");
        String queue = "ct_nope_" + randomSuffix(8);

        PgError error = expectError(db, "SELECT pgmq.update_notify_insert(?::text, ?::int)", queue, 10);

        assertThat(error.message())
                .isEqualTo("Queue \"" + queue + "\" does not exist. Create the queue first using pgmq.create()");
    }

    @Test
    void updateNotifyInsertRejectsAQueueWithoutNotifications() throws SQLException {
        assumeAtLeast(1, 11, 0, "update_notify_insert");
        String queue = createQueue();

        PgError error = expectError(db, "SELECT pgmq.update_notify_insert(?::text, ?::int)", queue, 10);

        assertThat(error.message()).isEqualTo("Queue \"" + queue + "\" does not have notify_insert enabled. "
                + "Enable it first using pgmq.enable_notify_insert()");
    }

    @Test
    void listNotifyInsertThrottlesShowsEnabledQueuesOrderedByName() throws SQLException {
        assumeAtLeast(1, 11, 0, "list_notify_insert_throttles");
        String base = "ct_" + randomSuffix(8);
        String b = track(base + "_b");
        String a = track(base + "_a");
        String silent = track(base + "_c");
        for (String queue : List.of(b, a, silent)) {
            query(db, "SELECT pgmq.create(?::text)", queue);
        }
        enableNotify(b, 500);
        enableNotify(a, 0);

        List<Row> rows = query(db, "SELECT * FROM pgmq.list_notify_insert_throttles()");

        assertThat(rows.getFirst().columns()).containsExactly("queue_name", "throttle_interval_ms",
                "last_notified_at");
        List<Row> ours = rows.stream().filter(r -> r.text("queue_name").startsWith(base)).toList();
        assertThat(ours).extracting(r -> r.text("queue_name")).containsExactly(a, b);
        assertThat(ours).extracting(r -> r.getInt("throttle_interval_ms")).containsExactly(0, 500);
        assertThat(ours).allSatisfy(r -> assertThat(r.instant("last_notified_at")).isEqualTo(EPOCH));
    }

    // ------------------------------------------------------------------------------------------------------------

    private void enableNotify(String queue, int throttleIntervalMs) throws SQLException {
        if (atLeast(1, 8, 0)) {
            query(db, "SELECT pgmq.enable_notify_insert(?::text, ?::int)", queue, throttleIntervalMs);
        } else {
            query(db, "SELECT pgmq.enable_notify_insert(?::text)", queue);
        }
    }

    private Row throttleRow(String queue) throws SQLException {
        List<Row> rows = query(db, "SELECT * FROM pgmq.notify_insert_throttle WHERE queue_name = ?::text", queue);
        assertThat(rows).as("throttle row of " + queue).hasSize(1);
        return rows.getFirst();
    }

    private Listener listen(String queue) throws SQLException {
        Connection connection = open();
        execute(connection, "LISTEN " + quoteIdent("pgmq.q_" + queue.toLowerCase(java.util.Locale.ROOT) + ".INSERT"));
        return new Listener(connection.unwrap(PGConnection.class));
    }

    /** A LISTENing connection. */
    private record Listener(PGConnection connection) {

        /** Waits until {@code expected} notifications arrived (or the timeout passed) and returns what came. */
        List<PGNotification> await(int expected) throws SQLException {
            List<PGNotification> received = new ArrayList<>();
            long deadline = System.nanoTime() + ARRIVAL_TIMEOUT_MS * 1_000_000L;
            while (received.size() < expected) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMs <= 0) {
                    break;
                }
                PGNotification[] batch = connection.getNotifications((int) remainingMs);
                if (batch != null) {
                    received.addAll(Arrays.asList(batch));
                }
            }
            return received;
        }

        /** Everything that arrives within {@link #QUIET_MS}. */
        List<PGNotification> quiet() throws SQLException {
            List<PGNotification> received = new ArrayList<>();
            long deadline = System.nanoTime() + QUIET_MS * 1_000_000L;
            while (true) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMs <= 0) {
                    break;
                }
                PGNotification[] batch = connection.getNotifications((int) remainingMs);
                if (batch != null) {
                    received.addAll(Arrays.asList(batch));
                }
            }
            return received;
        }
    }
}
