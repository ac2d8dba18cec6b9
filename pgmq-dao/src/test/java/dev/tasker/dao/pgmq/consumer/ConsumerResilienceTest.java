package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Failed handlers, crashed consumers, a lost listener and an unreachable database: no message is lost. */
class ConsumerResilienceTest extends ConsumerTestBase {

    @Test
    @DisplayName("a failed handler (RETRY_AFTER_TIMEOUT) leaves its message to reappear after the timeout; "
            + "a second consumer then handles it")
    void failedHandlerRetriedByAnotherConsumer() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{}", 0);
        ConsumerConfig shortTimeout = config(queue).withVisibilityTimeout(Duration.ofSeconds(2))
                .withOutcomes(SuccessAction.DELETE, FailureAction.RETRY_AFTER_TIMEOUT);
        PgmqConsumer<JsonNode> failing = polling(JsonNode.class, shortTimeout, message -> {
            throw new IllegalStateException("handler failed");
        });
        failing.start();
        await("the handler failed once", () -> failing.stats().failed() == 1);
        failing.close();
        Instant failedVt = vtOf(queue, msgId);
        assertThat(count(queue)).isEqualTo(1);

        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> second = polling(JsonNode.class, shortTimeout, recorder);
        second.start();
        await("the second consumer handled it", () -> second.stats().processed() == 1);

        Message<JsonNode> handled = recorder.handled().getFirst();
        assertThat(handled.msgId()).isEqualTo(msgId);
        assertThat(handled.readCount()).isEqualTo(2);
        assertThat(readTime(handled, shortTimeout)).isAfterOrEqualTo(failedVt);
        assertThat(failing.stats()).extracting(ConsumerStats::processed, ConsumerStats::released)
                .containsExactly(0L, 0L);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("a message read by a consumer that crashed (never settled) is handled after its timeout")
    void crashedReaderMessageReappears() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{}", 0);
        assertThat(read(queue, 2, 1)).containsExactly(msgId);
        Instant crashedVt = vtOf(queue, msgId);
        Recorder<JsonNode> recorder = Recorder.plain();
        ConsumerConfig config = config(queue);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config, recorder);

        consumer.start();
        await("handled after the timeout", () -> consumer.stats().processed() == 1);

        Message<JsonNode> handled = recorder.handled().getFirst();
        assertThat(handled.readCount()).isEqualTo(2);
        assertThat(readTime(handled, config)).isAfterOrEqualTo(crashedVt);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("a failed handler with ARCHIVE archives the message; nothing is retried")
    void failedHandlerArchives() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{}", 0);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class,
                config(queue).withOutcomes(SuccessAction.DELETE, FailureAction.ARCHIVE), message -> {
                    throw new AssertionError("broken handler");
                });

        consumer.start();
        await("archived", () -> archived(queue).equals(List.of(msgId)));

        assertThat(count(queue)).isZero();
        assertThat(consumer.stats()).extracting(ConsumerStats::failed, ConsumerStats::processed)
                .containsExactly(1L, 0L);
    }

    @Test
    @DisplayName("with the listener's backend terminated and reconnects failing, polling still delivers")
    void pollingWhileListenerDown() throws Exception {
        String queue = newQueue();
        AtomicBoolean databaseReachable = new AtomicBoolean(true);
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> consumer = listening(JsonNode.class, config(queue).withPollInterval(
                Duration.ofMillis(200)), recorder, switchable(connections(), databaseReachable));
        consumer.start();
        await("listening", consumer::isListening);

        databaseReachable.set(false);
        terminate(consumer.listenerBackendPid().getAsInt());
        await("the listener noticed", () -> !consumer.isListening());
        long first = sendWithNotify(queue, "{}");
        long second = sendWithNotify(queue, "{}");
        await("both handled by polling", () -> consumer.stats().processed() == 2);

        assertThat(recorder.handledIds()).containsExactlyInAnyOrder(first, second);
        assertThat(consumer.isListening()).isFalse();
        assertThat(consumer.stats().specificReads()).isZero();
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("after a reconnect the consumer polls at once: messages sent while it was deaf are handled")
    void reconnectTriggersPoll() throws Exception {
        String queue = newQueue();
        AtomicBoolean databaseReachable = new AtomicBoolean(true);
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> consumer = listening(JsonNode.class,
                config(queue).withPollInterval(Duration.ofHours(1)), recorder,
                switchable(connections(), databaseReachable));
        consumer.start();
        await("listening, first poll done", () -> consumer.isListening() && consumer.stats().batchReads() == 1);

        databaseReachable.set(false);
        terminate(consumer.listenerBackendPid().getAsInt());
        await("the listener noticed", () -> !consumer.isListening());
        List<Long> ids = List.of(sendWithNotify(queue, "{}"), sendWithNotify(queue, "{}"));
        assertThat(count(queue)).isEqualTo(2);
        databaseReachable.set(true);
        await("both handled after the reconnect", () -> consumer.stats().processed() == 2);

        assertThat(recorder.handledIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(consumer.stats().batchReads()).isEqualTo(2);
        assertThat(consumer.isListening()).isTrue();
    }

    @Test
    @DisplayName("queue operations failing (database unreachable) are counted and retried; the consumer recovers")
    void databaseOutageIsSurvived() throws Exception {
        String queue = newQueue();
        AtomicBoolean databaseReachable = new AtomicBoolean(false);
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> consumer = track(PgmqConsumer.polling(
                PgmqClient.using(switchable(dataSource, databaseReachable)), JsonNode.class, config(queue),
                recorder));
        consumer.start();
        await("reads failed repeatedly", () -> consumer.stats().queueErrors() >= 3);
        assertThat(consumer.isRunning()).isTrue();

        long msgId = send(queue, "{}", 0);
        databaseReachable.set(true);
        await("handled once the database is back", () -> consumer.stats().processed() == 1);

        assertThat(recorder.handledIds()).containsExactly(msgId);
        assertThat(count(queue)).isZero();
    }

    /** When the message was read: its vt minus the visibility timeout (both on the database clock). */
    private static Instant readTime(Message<?> message, ConsumerConfig config) {
        return message.visibleAt().minus(config.visibilityTimeout());
    }

    private void terminate(int pid) throws SQLException {
        assertThat(value("SELECT pg_terminate_backend(?)", pid)).isEqualTo(true);
    }

    /** {@code connections}, refusing to connect while {@code reachable} is false. */
    private static ConnectionFactory switchable(ConnectionFactory connections, AtomicBoolean reachable) {
        return () -> {
            if (!reachable.get()) {
                throw new SQLException("database unreachable (test switch)");
            }
            return connections.open();
        };
    }

    /** {@code target}, whose getConnection fails while {@code reachable} is false. */
    private static DataSource switchable(DataSource target, AtomicBoolean reachable) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && !reachable.get()) {
                        throw new SQLException("database unreachable (test switch)");
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
