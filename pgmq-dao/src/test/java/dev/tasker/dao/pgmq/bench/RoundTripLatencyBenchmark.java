package dev.tasker.dao.pgmq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.dao.pgmq.notify.Channel;
import dev.tasker.dao.pgmq.notify.ConnectionEvent;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.pgmq.notify.NotificationEvent;
import dev.tasker.dao.pgmq.notify.NotificationEvent.MessageReady;
import dev.tasker.dao.pgmq.notify.NotificationHandler;
import dev.tasker.dao.pgmq.notify.PgmqNotificationListener;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Single-message round-trip latency through the project's notify path (a benchmark main, not a test): for each
 * message, {@code pgmq_send_with_notify} on an autocommit connection, the listener (dedicated connection) receives
 * the {@code message_ready} on the queue's namespace channel, {@code pgmq_read_specific_message} claims that message
 * on a third connection, then it is deleted. Measured per message: send start to message read. Runs on an embedded
 * split-mode database after 200 unrecorded warm-up messages.
 *
 * <p>Run (from the project root; {@code -Dexec.skip=true} skips exec:java in the other reactor modules, this one
 * overrides it): {@code ./mvnw -q -pl pgmq-dao -am test-compile exec:java -Dexec.skip=true -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.tasker.dao.pgmq.bench.RoundTripLatencyBenchmark -Dexec.args=1000}
 */
public final class RoundTripLatencyBenchmark {

    private static final int WARM_UP = 200;
    private static final String QUEUE = "bench_latency_queue";
    private static final long EVENT_TIMEOUT_SECONDS = 10;

    private RoundTripLatencyBenchmark() {
    }

    /** {@code args[0]}: the number of measured messages (default 1000). */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        DatabaseEndpoint pgmq = TestDatabases.provision(DatabaseMode.SPLIT).pgmq();
        PgmqMigrations.migrate(pgmq.dataSource());
        BlockingQueue<MessageReady> ready = new LinkedBlockingQueue<>();
        CountDownLatch connected = new CountDownLatch(1);
        ListenerConfig listenerConfig = ListenerConfig.defaults().withApplicationName("pgmq-latency-bench");
        try (Connection sending = pgmq.connect();
             Connection reading = pgmq.connect();
             PgmqNotificationListener listener = new PgmqNotificationListener(
                     ConnectionFactory.of(pgmq.jdbcUrl(), pgmq.user(), pgmq.password()), listenerConfig,
                     collector(ready, connected))) {
            PgmqClient sender = PgmqClient.using(sending);
            PgmqClient reader = PgmqClient.using(reading);
            sender.queues().create(QUEUE);
            listener.subscribe(Channel.forQueue(QUEUE));
            listener.start();
            if (!connected.await(EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the listener did not connect");
            }
            for (int i = 0; i < WARM_UP; i++) {
                roundTrip(sender, reader, ready, i);
            }
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                nanos[i] = roundTrip(sender, reader, ready, i);
            }
            report(nanos);
        }
    }

    /** One send → notification → read specific → delete; the nanoseconds from send start to message read. */
    private static long roundTrip(PgmqClient sender, PgmqClient reader, BlockingQueue<MessageReady> ready, int i)
            throws InterruptedException {
        long started = System.nanoTime();
        long msgId = sender.sender().sendWithNotify(QUEUE, Map.of("i", i));
        MessageReady event;
        do {
            event = ready.poll(EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                throw new IllegalStateException("no message_ready for message " + msgId);
            }
        } while (event.msgId() != msgId);
        Optional<Message<JsonNode>> message = reader.reader().readSpecific(QUEUE, msgId, 30);
        long elapsed = System.nanoTime() - started;
        if (message.isEmpty()) {
            throw new IllegalStateException("message " + msgId + " could not be read");
        }
        reader.settler().delete(QUEUE, msgId);
        return elapsed;
    }

    private static NotificationHandler collector(BlockingQueue<MessageReady> ready, CountDownLatch connected) {
        return new NotificationHandler() {
            @Override
            public void onNotification(NotificationEvent event) {
                if (event instanceof MessageReady messageReady && messageReady.queue().equals(QUEUE)) {
                    ready.add(messageReady);
                }
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                if (event instanceof ConnectionEvent.Connected) {
                    connected.countDown();
                }
            }
        };
    }

    private static void report(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("send -> listener -> read specific round trip over %d messages (after %d warm-up):%n",
                sorted.length, WARM_UP);
        System.out.printf("  median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", millis(sorted, 0.50),
                millis(sorted, 0.90), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    /** The {@code quantile} of {@code sorted} (nearest rank), in milliseconds. */
    private static double millis(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
