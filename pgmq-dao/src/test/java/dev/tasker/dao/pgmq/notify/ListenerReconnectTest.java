package dev.tasker.dao.pgmq.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.notify.ConnectionEvent.ConnectFailed;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.Connected;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.Disconnected;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.Reconnected;
import dev.tasker.dao.pgmq.notify.NotificationEvent.MessageReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueCreated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueInsert;
import dev.tasker.database.DatabaseEndpoint;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dedicated connection's life: a killed backend is replaced and every channel LISTENed again, connection
 * attempts back off while the database refuses them, and close() ends the thread and the connection.
 */
class ListenerReconnectTest extends ListenerTest {

    @Test
    @DisplayName("after pg_terminate_backend the listener reconnects and hears every subscribed channel again")
    void survivesAKilledBackend() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        boolean nativeInserts = hasNotifyInsert();
        List<Channel> channels = new ArrayList<>(
                List.of(worker.channel(), Channel.MESSAGE_READY, Channel.QUEUE_CREATED));
        if (nativeInserts) {
            enableNotifyInsert(worker.name());
            channels.add(Channel.queueInsert(worker.name()));
        }
        RecordingHandler handler = new RecordingHandler();
        ListenerConfig config = testConfig();
        PgmqNotificationListener listener = listener(factory(), config, handler);
        channels.forEach(listener::subscribe);
        listener.start();
        Connected connected = handler.await(Connected.class);
        assertThat(connected.channels()).containsExactlyInAnyOrderElementsOf(channels);
        assertThat(backendsNamed(config.applicationName())).containsExactly(connected.backendPid());
        assertThat(listener.backendPid()).hasValue(connected.backendPid());

        assertThat(value("SELECT pg_terminate_backend(?)", connected.backendPid())).isEqualTo(true);

        handler.await(Disconnected.class);
        Reconnected reconnected = handler.await(Reconnected.class);
        assertThat(reconnected.backendPid()).isNotEqualTo(connected.backendPid());
        assertThat(reconnected.channels()).containsExactlyInAnyOrderElementsOf(channels);
        assertThat(backendsNamed(config.applicationName())).containsExactly(reconnected.backendPid());
        long msgId = sendWithNotify(worker.name(), 0);
        String created = createWorkerQueue(uniqueNamespace());
        assertThat(handler.awaitReady(worker.name(), msgId).channel())
                .isEqualTo(worker.channel());
        assertThat(handler.awaitReady(worker.name(), msgId).channel())
                .isEqualTo(Channel.MESSAGE_READY);
        handler.await(QueueCreated.class, e -> e.queue().equals(created));
        if (nativeInserts) {
            handler.await(QueueInsert.class, e -> e.queue().equals(worker.name()));
        }
    }

    @Test
    @DisplayName("while the database refuses connections the listener retries with exponential backoff, capped")
    void backsOffWhileConnectionsAreRefused() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        AtomicInteger refusals = new AtomicInteger(2);
        AtomicInteger calls = new AtomicInteger();
        ConnectionFactory real = factory();
        ConnectionFactory refusing = () -> {
            calls.incrementAndGet();
            if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLException("the database refuses connections (test)", "08004");
            }
            return real.open();
        };
        RecordingHandler handler = new RecordingHandler();
        PgmqNotificationListener listener = listener(refusing, testConfig(), handler);
        listener.subscribe(worker.channel());
        listener.start();

        assertThat(handler.await(ConnectFailed.class))
                .isEqualTo(new ConnectFailed(1, failure(), Duration.ofMillis(50)));
        assertThat(handler.await(ConnectFailed.class).retryIn()).isEqualTo(Duration.ofMillis(100));
        Connected connected = handler.await(Connected.class);
        assertThat(connected.attempts()).isEqualTo(3);

        refusals.set(3);
        value("SELECT pg_terminate_backend(?)", connected.backendPid());

        handler.await(Disconnected.class);
        assertThat(List.of(handler.await(ConnectFailed.class), handler.await(ConnectFailed.class),
                handler.await(ConnectFailed.class)))
                .extracting(ConnectFailed::attempt, ConnectFailed::retryIn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Duration.ofMillis(50)),
                        org.assertj.core.groups.Tuple.tuple(2, Duration.ofMillis(100)),
                        org.assertj.core.groups.Tuple.tuple(3, Duration.ofMillis(150)));
        Reconnected reconnected = handler.await(Reconnected.class);
        assertThat(reconnected.attempts()).isEqualTo(4);
        assertThat(calls.get()).isEqualTo(3 + 4);
        long msgId = sendWithNotify(worker.name(), 0);
        handler.awaitReady(worker.name(), msgId);
    }

    @Test
    @DisplayName("a connection that silently stops answering fails the idle validity check and is replaced")
    void idleCheckReplacesASilentConnection() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        try (FreezingProxy proxy = new FreezingProxy(pgmq().host(), pgmq().port())) {
            DatabaseEndpoint viaProxy = new DatabaseEndpoint(InetAddress.getLoopbackAddress().getHostAddress(),
                    proxy.port(), pgmq().database(), pgmq().user(), pgmq().password(), pgmq().parameters());
            RecordingHandler handler = new RecordingHandler();
            ListenerConfig config = testConfig().withIdleCheck(Duration.ofMillis(300), Duration.ofSeconds(1));
            PgmqNotificationListener listener = listener(factory(viaProxy.jdbcUrl()), config, handler);
            listener.subscribe(worker.channel());
            listener.start();
            Connected connected = handler.await(Connected.class);

            proxy.freezeOpenConnections();

            assertThat(handler.await(Disconnected.class).reason()).contains("failed its validity check");
            Reconnected reconnected = handler.await(Reconnected.class);
            assertThat(reconnected.backendPid()).isNotEqualTo(connected.backendPid());
            long msgId = sendWithNotify(worker.name(), 0);
            handler.awaitReady(worker.name(), msgId);
            listener.close();
        }
    }

    @Test
    @DisplayName("close() ends the threads and the connection; a second close() does nothing")
    void closeEndsThreadAndConnection() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        ListenerConfig config = testConfig();
        PgmqNotificationListener listener = listener(factory(), config, handler);
        listener.subscribe(Channel.QUEUE_CREATED);
        listener.start();
        Connected connected = handler.await(Connected.class);
        assertThat(listener.isRunning()).isTrue();
        assertThat(listener.isConnected()).isTrue();

        listener.close();
        listener.close();

        assertThat(listener.isRunning()).isFalse();
        assertThat(listener.isConnected()).isFalse();
        assertThat(listener.backendPid()).isEmpty();
        assertThat(awaitGone(connected.backendPid())).as("backend %s gone", connected.backendPid()).isTrue();
        assertThat(backendsNamed(config.applicationName())).isEmpty();
        assertThat(handler.history()).hasSize(1);
    }

    @Test
    @DisplayName("a listener that was never started closes without connecting")
    void closeBeforeStart() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ConnectionFactory real = factory();
        PgmqNotificationListener listener = listener(() -> {
            calls.incrementAndGet();
            return real.open();
        }, testConfig(), new RecordingHandler());
        listener.subscribe(Channel.QUEUE_CREATED);

        listener.close();

        assertThat(calls.get()).isZero();
        assertThat(listener.isRunning()).isFalse();
    }

    /** The reason text of the refusing factory's failures. */
    private static String failure() {
        return new SQLException("the database refuses connections (test)", "08004").toString();
    }

    /** Waits (up to the arrival timeout) until {@code pid} has left pg_stat_activity. */
    private boolean awaitGone(int pid) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + RecordingHandler.ARRIVAL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (value("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid).equals(0L)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
