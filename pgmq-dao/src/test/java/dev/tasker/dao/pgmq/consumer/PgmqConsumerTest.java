package dev.tasker.dao.pgmq.consumer;

import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading, handling and settling: typed payloads, outcome actions, two consumers, bounded concurrency, delays. */
class PgmqConsumerTest extends ConsumerTestBase {

    /** A typed payload. */
    record Numbered(int n) {
    }

    @Test
    @DisplayName("a polling consumer maps payloads, runs the handler and deletes each message on success")
    void pollsHandlesAndDeletes() throws Exception {
        String queue = newQueue();
        List<Long> ids = sendBatch(queue, 20);
        Recorder<Numbered> recorder = Recorder.plain();
        PgmqConsumer<Numbered> consumer = polling(Numbered.class, config(queue), recorder);

        consumer.start();
        await("20 messages handled", () -> consumer.stats().processed() == 20);

        assertThat(recorder.handledIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(recorder.handled()).extracting(m -> m.payload().n()).containsExactlyInAnyOrderElementsOf(
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
        assertThat(recorder.handled()).allSatisfy(m -> assertThat(m.readCount()).isEqualTo(1));
        assertThat(count(queue)).isZero();
        assertThat(archived(queue)).isEmpty();
        assertThat(consumer.stats()).extracting(ConsumerStats::failed, ConsumerStats::released,
                ConsumerStats::inFlight, ConsumerStats::queueErrors).containsExactly(0L, 0L, 0, 0L);
        assertThat(consumer.stats().batchReads()).isPositive();
    }

    @Test
    @DisplayName("ARCHIVE on success moves handled messages to the archive; a payload that does not map is a failure")
    void archivesOnSuccessAndFailure() throws Exception {
        String queue = newQueue();
        long good = send(queue, "{\"n\": 7}", 0);
        long bad = send(queue, "{\"n\": \"seven\"}", 0);
        Recorder<Numbered> recorder = Recorder.plain();
        PgmqConsumer<Numbered> consumer = polling(Numbered.class,
                config(queue).withOutcomes(SuccessAction.ARCHIVE, FailureAction.ARCHIVE), recorder);

        consumer.start();
        await("both settled", () -> archived(queue).size() == 2);

        assertThat(archived(queue)).containsExactly(good, bad);
        assertThat(count(queue)).isZero();
        assertThat(recorder.handledIds()).containsExactly(good);
        await("counters", () -> consumer.stats().processed() == 1 && consumer.stats().failed() == 1);
    }

    @Test
    @DisplayName("two consumers on one queue handle 500 messages exactly once together and empty the queue")
    void twoConsumersExactlyOnce() throws Exception {
        String queue = newQueue();
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> first = polling(JsonNode.class, config(queue).withMaxConcurrency(8), recorder);
        PgmqConsumer<JsonNode> second = listening(JsonNode.class, config(queue).withMaxConcurrency(8), recorder,
                connections());
        first.start();
        second.start();

        Set<Long> sent = new HashSet<>(sendBatch(queue, 250));
        for (int i = 0; i < 250; i++) {
            sent.add(sendWithNotify(queue, "{\"i\": " + i + "}"));
        }
        await("500 messages handled", () -> first.stats().processed() + second.stats().processed() == 500);
        first.close();
        second.close();

        assertThat(recorder.handledMoreThanOnce()).isEmpty();
        assertThat(recorder.handled()).hasSize(500);
        assertThat(recorder.handledIds()).isEqualTo(sent);
        assertThat(count(queue)).isZero();
        assertThat(archived(queue)).isEmpty();
        assertThat(first.stats().processed()).isPositive();
        assertThat(second.stats().processed()).isPositive();
    }

    @Test
    @DisplayName("no more handlers run at once than maxConcurrency, and that many do run")
    void boundedConcurrency() throws Exception {
        String queue = newQueue();
        CountDownLatch threeRunning = new CountDownLatch(3);
        Recorder<JsonNode> recorder = new Recorder<>(message -> {
            threeRunning.countDown();
            threeRunning.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        });
        sendBatch(queue, 30);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue).withMaxConcurrency(3), recorder);

        consumer.start();
        await("30 handled", () -> consumer.stats().processed() == 30);

        assertThat(recorder.maxRunning()).isEqualTo(3);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("a delayed message is handled once it becomes visible, not before")
    void delayedMessage() throws Exception {
        String queue = newQueue();
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue), recorder);
        consumer.start();

        long msgId = send(queue, "{}", 2);
        await("the delayed message handled", () -> consumer.stats().processed() == 1);

        Message<JsonNode> handled = recorder.handled().getFirst();
        assertThat(handled.msgId()).isEqualTo(msgId);
        // the read set vt = read time + visibility timeout, both on the database clock
        assertThat(handled.visibleAt().minus(consumer.config().visibilityTimeout()))
                .isAfterOrEqualTo(handled.enqueuedAt().plusSeconds(2));
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("a message_ready notification wakes a listening consumer, which reads that message by id")
    void listenerWakeUp() throws Exception {
        String queue = newQueue();
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> consumer = listening(JsonNode.class,
                config(queue).withPollInterval(Duration.ofHours(1)), recorder, connections());
        consumer.start();
        await("listening and first poll done",
                () -> consumer.isListening() && consumer.stats().batchReads() == 1);

        long msgId = sendWithNotify(queue, "{\"hello\": 1}");
        await("handled", () -> consumer.stats().processed() == 1);

        assertThat(recorder.handledIds()).containsExactly(msgId);
        assertThat(consumer.stats().specificReads()).isEqualTo(1);
        assertThat(consumer.stats().batchReads()).isEqualTo(1);
        assertThat(recorder.handled().getFirst().payload().get("hello").asInt()).isEqualTo(1);
        assertThat(count(queue)).isZero();

        rows("SELECT * FROM pgmq_send_batch_with_notify(?::text, ARRAY['{}'::jsonb, '{}'::jsonb, '{}'::jsonb])",
                queue);
        await("the batch handled after a batch_ready wake-up", () -> consumer.stats().processed() == 4);
        assertThat(consumer.stats().batchReads()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("heartbeats keep a long handler's message invisible past its original visibility timeout")
    void heartbeatExtendsVisibility() throws Exception {
        String queue = newQueue();
        BlockingHandler handler = new BlockingHandler(1);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class,
                config(queue).withVisibilityTimeout(Duration.ofSeconds(2)), handler);
        long msgId = send(queue, "{}", 0);
        consumer.start();
        handler.assertStarted();
        var originalVt = vtOf(queue, msgId);

        await("the database clock passes the original vt + 1 s",
                () -> databaseClock().isAfter(originalVt.plusSeconds(1)));

        assertThat(value("SELECT vt > clock_timestamp() FROM pgmq.q_" + queue + " WHERE msg_id = ?", msgId))
                .isEqualTo(true);
        assertThat(vtOf(queue, msgId)).isAfter(originalVt);
        assertThat(read(queue, 1, 1)).isEmpty();
        handler.finish();
        await("settled", () -> consumer.stats().processed() == 1); // counted once the delete has returned
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("close() after the grace period releases in-flight messages (readable at once) and interrupts handlers")
    void shutdownReleasesInFlight() throws Exception {
        String queue = newQueue();
        BlockingHandler handler = new BlockingHandler(2);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class,
                config(queue).withMaxConcurrency(2).withShutdownGrace(Duration.ofMillis(200)), handler);
        List<Long> ids = sendBatch(queue, 2);
        consumer.start();
        handler.assertStarted();
        assertThat(consumer.stats().inFlight()).isEqualTo(2);

        consumer.close();

        assertThat(read(queue, 30, 10)).containsExactlyElementsOf(ids);
        handler.assertInterrupted();
        assertThat(consumer.stats()).extracting(ConsumerStats::released, ConsumerStats::processed,
                ConsumerStats::failed, ConsumerStats::inFlight).containsExactly(2L, 0L, 0L, 0);
        assertThat(consumer.isRunning()).isFalse();
    }

    @Test
    @DisplayName("close() waits for a handler that finishes within the grace period and settles its message")
    void gracefulShutdown() throws Exception {
        String queue = newQueue();
        BlockingHandler handler = new BlockingHandler(1);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue), handler);
        send(queue, "{}", 0);
        consumer.start();
        handler.assertStarted();

        Thread closing = Thread.ofVirtual().start(consumer::close);
        await("close() has begun", () -> !consumer.isRunning());
        assertThat(closing.isAlive()).isTrue();
        handler.finish();
        closing.join(TIMEOUT.toMillis());

        assertThat(closing.isAlive()).isFalse();
        assertThat(count(queue)).isZero();
        assertThat(consumer.stats()).extracting(ConsumerStats::processed, ConsumerStats::released)
                .containsExactly(1L, 0L);
    }

    @Test
    @DisplayName("lifecycle: start once, close idempotent (also before start), polling consumers do not listen")
    void lifecycle() throws Exception {
        String queue = newQueue();
        ConsumerConfig config = config(queue);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config, Recorder.plain());

        assertThat(consumer.config()).isEqualTo(config);
        assertThat(consumer.isRunning()).isFalse();
        consumer.start();
        assertThat(consumer.isRunning()).isTrue();
        assertThat(consumer.isListening()).isFalse();
        assertThat(consumer.listenerBackendPid()).isEmpty();
        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
        consumer.close();
        consumer.close();
        assertThat(consumer.isRunning()).isFalse();
        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");

        PgmqConsumer<JsonNode> neverStarted = listening(JsonNode.class, config, Recorder.plain(), connections());
        neverStarted.close();
        assertThat(neverStarted.isRunning()).isFalse();
        assertThat(neverStarted.stats()).isEqualTo(new ConsumerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertRejectedNull(() -> PgmqConsumer.polling(null, JsonNode.class, config, Recorder.plain()), "client");
        assertRejectedNull(() -> PgmqConsumer.polling(client, null, config, Recorder.plain()), "payloadType");
        assertRejectedNull(() -> PgmqConsumer.polling(client, JsonNode.class, null, Recorder.plain()), "config");
        assertRejectedNull(() -> PgmqConsumer.polling(client, JsonNode.class, config, null), "handler");
        assertRejectedNull(() -> PgmqConsumer.listening(client, JsonNode.class, config, Recorder.plain(), null,
                null), "listenerConnections");
        assertRejectedNull(() -> PgmqConsumer.listening(client, JsonNode.class, config, Recorder.plain(),
                connections(), null), "listenerConfig");
    }
}
