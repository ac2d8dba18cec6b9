package dev.tasker.dao.pgmq.notify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.dao.pgmq.PgmqDaoTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the listener tests: listeners on the class's PGMQ database that are closed after each test, and sends and
 * queue creation through plain SQL on {@link #db} (the project's notify wrappers and pgmq's documented functions).
 */
abstract class ListenerTest extends PgmqDaoTest {

    private final List<PgmqNotificationListener> listeners = new ArrayList<>();

    @AfterEach
    void closeListeners() {
        listeners.forEach(PgmqNotificationListener::close);
        listeners.clear();
    }

    /** A factory for new connections to the class's PGMQ database. */
    protected ConnectionFactory factory() {
        return factory(pgmq().jdbcUrl());
    }

    /** A factory for new connections to {@code jdbcUrl} with the credentials of the class's PGMQ database. */
    protected ConnectionFactory factory(String jdbcUrl) {
        return ConnectionFactory.of(jdbcUrl, emptyToNull(pgmq().user()), emptyToNull(pgmq().password()));
    }

    /** Short waits, fast deterministic backoff (50 ms doubling to 150 ms, no jitter), a unique application name. */
    protected static ListenerConfig testConfig() {
        return ListenerConfig.defaults()
                .withApplicationName("pgmq-listener-test-" + UUID.randomUUID().toString().substring(0, 8))
                .withPollTimeout(Duration.ofMillis(200))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(150), 2.0, 0.0));
    }

    /** A listener (closed after the test) that is not started yet. */
    protected PgmqNotificationListener listener(ConnectionFactory factory, ListenerConfig config,
                                                NotificationHandler handler) {
        PgmqNotificationListener listener = new PgmqNotificationListener(factory, config, handler);
        listeners.add(listener);
        return listener;
    }

    /** A started listener on {@code channels}, once it is connected. */
    protected PgmqNotificationListener startListening(RecordingHandler handler, Channel... channels)
            throws InterruptedException {
        PgmqNotificationListener listener = listener(factory(), testConfig(), handler);
        for (Channel channel : channels) {
            listener.subscribe(channel);
        }
        listener.start();
        handler.await(ConnectionEvent.Connected.class);
        return listener;
    }

    /** A fresh namespace (lowercase, unique). */
    protected static String uniqueNamespace() {
        return "ns" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A worker queue {@code worker_<namespace>_queue} of its own namespace. */
    protected record WorkerQueue(String namespace, String name) {

        /** Its namespace channel {@code pgmq_message_ready.<namespace>}. */
        Channel channel() {
            return Channel.messageReady(namespace);
        }
    }

    /** A worker queue of a fresh namespace, created with pgmq.create. */
    protected WorkerQueue newWorkerQueue() throws SQLException {
        String namespace = uniqueNamespace();
        return new WorkerQueue(namespace, createWorkerQueue(namespace));
    }

    /** Creates {@code worker_<namespace>_queue} with pgmq.create; returns its name. */
    protected String createWorkerQueue(String namespace) throws SQLException {
        return createQueue("worker_" + namespace + "_queue");
    }

    /** Creates {@code queue} with pgmq.create; returns its name. */
    protected String createQueue(String queue) throws SQLException {
        rows("SELECT pgmq.create(?::text)", queue);
        return queue;
    }

    /** pgmq_send_with_notify of an empty object; the message id. */
    protected long sendWithNotify(String queue, int delaySeconds) throws SQLException {
        return ((Number) value("SELECT pgmq_send_with_notify(?::text, ?::jsonb, ?::integer)", queue, "{}",
                delaySeconds)).longValue();
    }

    /** pgmq_send_batch_with_notify of {@code count} small messages; the ids in result order. */
    protected List<Long> sendBatchWithNotify(String queue, int count, int delaySeconds) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> row : rows("SELECT * FROM pgmq_send_batch_with_notify(?::text, "
                + "ARRAY(SELECT jsonb_build_object('n', g) FROM generate_series(1, ?::integer) AS g), ?::integer)",
                queue, count, delaySeconds)) {
            ids.add(((Number) row.values().iterator().next()).longValue());
        }
        return ids;
    }

    /**
     * Turns on pgmq's insert notifications for {@code queue} without throttling: the 2-argument form (pgmq 1.8.0+)
     * or the 1-argument form (1.7.0); skips the test on older pgmq.
     */
    protected void enableNotifyInsert(String queue) throws SQLException {
        if (exists("pgmq.enable_notify_insert(text,integer)")) {
            rows("SELECT pgmq.enable_notify_insert(?::text, ?::integer)", queue, 0);
        } else {
            assumeTrue(exists("pgmq.enable_notify_insert(text)"), "pgmq before 1.7.0 has no insert notifications");
            rows("SELECT pgmq.enable_notify_insert(?::text)", queue);
        }
    }

    /** Whether the installed pgmq has insert notifications (1.7.0+). */
    protected boolean hasNotifyInsert() throws SQLException {
        return exists("pgmq.enable_notify_insert(text,integer)") || exists("pgmq.enable_notify_insert(text)");
    }

    /** The pids of the connections with {@code applicationName}. */
    protected List<Integer> backendsNamed(String applicationName) throws SQLException {
        return rows("SELECT pid FROM pg_stat_activity WHERE application_name = ? ORDER BY pid", applicationName)
                .stream().map(row -> ((Number) row.get("pid")).intValue()).toList();
    }

    private boolean exists(String signature) throws SQLException {
        return value("SELECT to_regprocedure(?) IS NOT NULL", signature).equals(Boolean.TRUE);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
