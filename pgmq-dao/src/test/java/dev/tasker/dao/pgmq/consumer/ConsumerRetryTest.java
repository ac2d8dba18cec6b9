package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PayloadMappingException;
import dev.tasker.dao.pgmq.QueueNotFoundException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Retries with backoff, dead-lettering (exhausted, non-retryable, poison, timed out), replay and a missing queue. */
class ConsumerRetryTest extends ConsumerTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A typed payload. */
    record Numbered(int n) {
    }

    /** RETRY with {@code attempts} attempts and no delay between them. */
    private static ConsumerConfig retrying(String queue, int attempts) {
        return config(queue).withRetry(RetryPolicy.defaults().withMaxAttempts(attempts)
                .withBackoff(RetryBackoff.fixed(Duration.ZERO)));
    }

    @Test
    @DisplayName("a handler failing twice and then succeeding: three attempts, then deleted; no dead letter")
    void retriedUntilItSucceeds() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{\"n\": 1}", 0);
        AtomicInteger calls = new AtomicInteger();
        Recorder<Numbered> recorder = new Recorder<>(message -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("transient failure " + calls.get());
            }
        });
        PgmqConsumer<Numbered> consumer = polling(Numbered.class, retrying(queue, 5), recorder);

        consumer.start();
        await("handled", () -> consumer.stats().processed() == 1);

        assertThat(calls.get()).isEqualTo(3);
        assertThat(recorder.handled()).singleElement().satisfies(message -> {
            assertThat(message.msgId()).isEqualTo(msgId);
            assertThat(message.readCount()).isEqualTo(3);
        });
        assertThat(consumer.stats()).extracting(ConsumerStats::failed, ConsumerStats::retried,
                ConsumerStats::deadLettered).containsExactly(2L, 2L, 0L);
        assertThat(count(queue)).isZero();
        assertThat(client.queues().exists(queue + "_dlq")).as("no dead-letter queue needed").isFalse();
    }

    @Test
    @DisplayName("the retry backoff is applied with set_vt: the failed message stays hidden for the delay")
    void backoffHidesTheMessage() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{}", 0);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue).withRetry(RetryPolicy.defaults()
                .withBackoff(RetryBackoff.fixed(Duration.ofSeconds(120)))), message -> {
                    throw new IllegalStateException("fails");
                });
        Instant before = databaseClock();

        consumer.start();
        await("retry scheduled", () -> consumer.stats().retried() == 1);

        assertThat(vtOf(queue, msgId)).isAfterOrEqualTo(before.plusSeconds(120))
                .isBefore(databaseClock().plusSeconds(121));
        assertThat(consumer.stats().deadLettered()).isZero();
    }

    @Test
    @DisplayName("an always failing handler: exactly one dead letter with the documented headers, the queue empty")
    void exhaustedAttemptsDeadLetter() throws Exception {
        String queue = newQueue();
        long msgId = ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, 0)", queue,
                "{\"order\": 42}", "{\"trace\": \"abc\"}")).longValue();
        AtomicInteger calls = new AtomicInteger();
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, retrying(queue, 3), message -> {
            throw new IllegalStateException("always fails, call " + calls.incrementAndGet());
        });
        Instant started = Instant.now();

        consumer.start();
        await("dead-lettered", () -> consumer.stats().deadLettered() == 1);

        assertThat(calls.get()).isEqualTo(3);
        assertThat(count(queue)).isZero();
        assertThat(archived(queue)).isEmpty();
        List<Map<String, Object>> letters = deadLetters(queue);
        assertThat(letters).hasSize(1);
        Map<String, Object> letter = letters.getFirst();
        assertThat(JSON.readTree((String) letter.get("message"))).isEqualTo(JSON.readTree("{\"order\": 42}"));
        JsonNode headers = JSON.readTree((String) letter.get("headers"));
        assertThat(headers.get("original_queue").asText()).isEqualTo(queue);
        assertThat(headers.get("original_msg_id").asLong()).isEqualTo(msgId);
        assertThat(headers.get("attempts").asInt()).isEqualTo(3);
        assertThat(headers.get("reason").asText()).isEqualTo("ATTEMPTS_EXHAUSTED");
        assertThat(headers.get("exception_class").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(headers.get("exception_message").asText()).isEqualTo("always fails, call 3");
        assertThat(headers.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: always fails")
                .contains("ConsumerRetryTest").hasSizeLessThanOrEqualTo(DeadLetter.MAX_STACK_TRACE);
        Instant first = Instant.parse(headers.get("first_failure_at").asText());
        Instant last = Instant.parse(headers.get("last_failure_at").asText());
        assertThat(first).isAfterOrEqualTo(started).isBefore(last);
        assertThat(last).isBeforeOrEqualTo(Instant.now());
        assertThat(headers.get("original_headers")).isEqualTo(JSON.readTree("{\"trace\": \"abc\"}"));
        assertThat(consumer.stats()).extracting(ConsumerStats::failed, ConsumerStats::retried,
                ConsumerStats::processed).containsExactly(3L, 2L, 0L);
    }

    @Test
    @DisplayName("a non-retryable exception is dead-lettered at its first failure")
    void nonRetryableDeadLettersAtOnce() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{}", 0);
        AtomicInteger calls = new AtomicInteger();
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue).withRetry(RetryPolicy.defaults()
                .withNonRetryable(IllegalArgumentException.class)), message -> {
                    calls.incrementAndGet();
                    throw new NumberFormatException("not a number"); // a subtype of IllegalArgumentException
                });

        consumer.start();
        await("dead-lettered", () -> consumer.stats().deadLettered() == 1);

        assertThat(calls.get()).isEqualTo(1);
        JsonNode headers = JSON.readTree((String) deadLetters(queue).getFirst().get("headers"));
        assertThat(headers.get("original_msg_id").asLong()).isEqualTo(msgId);
        assertThat(headers.get("attempts").asInt()).isEqualTo(1);
        assertThat(headers.get("reason").asText()).isEqualTo("NON_RETRYABLE");
        assertThat(headers.get("exception_class").asText()).isEqualTo(NumberFormatException.class.getName());
        assertThat(headers.get("first_failure_at")).isEqualTo(headers.get("last_failure_at"));
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("a poison payload goes straight to the dead-letter queue with the mapping error; others are handled")
    void poisonMessage() throws Exception {
        String queue = newQueue();
        long poison = send(queue, "{\"n\": \"seven\"}", 0);
        long good = send(queue, "{\"n\": 7}", 0);
        Recorder<Numbered> recorder = Recorder.plain();
        PgmqConsumer<Numbered> consumer = polling(Numbered.class, config(queue).withDeadLetterQueue(queue + "_bad"),
                recorder);

        consumer.start();
        await("both settled", () -> consumer.stats().deadLettered() == 1 && consumer.stats().processed() == 1);

        assertThat(recorder.handledIds()).containsExactly(good);
        assertThat(rows("SELECT message::text AS message, headers::text AS headers FROM pgmq.q_" + queue + "_bad"))
                .singleElement().satisfies(letter -> {
                    JsonNode headers = JSON.readTree((String) letter.get("headers"));
                    assertThat(headers.get("original_msg_id").asLong()).isEqualTo(poison);
                    assertThat(headers.get("reason").asText()).isEqualTo("POISON");
                    assertThat(headers.get("attempts").asInt()).isEqualTo(1);
                    assertThat(headers.get("exception_class").asText())
                            .isEqualTo(PayloadMappingException.class.getName());
                    assertThat(headers.get("exception_message").asText()).contains("does not map to")
                            .contains("Numbered");
                    assertThat(JSON.readTree((String) letter.get("message")))
                            .isEqualTo(JSON.readTree("{\"n\": \"seven\"}"));
                });
        assertThat(count(queue)).isZero();
        assertThat(consumer.stats().retried()).isZero();
    }

    @Test
    @DisplayName("a handler over its timeout is interrupted and retried; the next attempt succeeds")
    void handlerTimeoutRetried() throws Exception {
        String queue = newQueue();
        long msgId = send(queue, "{}", 0);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Recorder<JsonNode> recorder = new Recorder<>(message -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    new CountDownLatch(1).await(); // hangs until interrupted
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
        });
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class,
                retrying(queue, 3).withHandlerTimeout(Duration.ofMillis(300)), recorder);

        consumer.start();
        await("handled at the second attempt", () -> consumer.stats().processed() == 1);

        assertThat(interrupted.getCount()).isZero();
        assertThat(recorder.handled()).singleElement().satisfies(message -> {
            assertThat(message.msgId()).isEqualTo(msgId);
            assertThat(message.readCount()).isEqualTo(2);
        });
        assertThat(consumer.stats()).extracting(ConsumerStats::timedOut, ConsumerStats::failed,
                ConsumerStats::retried, ConsumerStats::deadLettered).containsExactly(1L, 1L, 1L, 0L);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("a handler timing out at its last attempt is dead-lettered with where it hung")
    void handlerTimeoutDeadLettered() throws Exception {
        String queue = newQueue();
        send(queue, "{}", 0);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class,
                retrying(queue, 1).withHandlerTimeout(Duration.ofMillis(200)),
                message -> new CountDownLatch(1).await());

        consumer.start();
        await("dead-lettered", () -> consumer.stats().deadLettered() == 1);

        JsonNode headers = JSON.readTree((String) deadLetters(queue).getFirst().get("headers"));
        assertThat(headers.get("exception_class").asText()).isEqualTo(HandlerTimeoutException.class.getName());
        assertThat(headers.get("exception_message").asText()).contains("did not finish within PT0.2S");
        assertThat(headers.get("stack_trace").asText()).contains("CountDownLatch.await");
        assertThat(consumer.stats().timedOut()).isEqualTo(1);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("replay sends dead letters back with payload and headers; a consumer then handles them")
    void replay() throws Exception {
        String queue = newQueue();
        ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, 0)", queue, "{\"n\": 5}",
                "{\"trace\": \"t5\"}")).longValue();
        send(queue, "{\"n\": 6}", 0);
        PgmqConsumer<Numbered> failing = polling(Numbered.class, retrying(queue, 1), message -> {
            throw new IllegalStateException("bug");
        });
        failing.start();
        await("both dead-lettered", () -> failing.stats().deadLettered() == 2);
        failing.close();
        long stranger = send(queue + "_dlq", "{\"not\": \"a dead letter\"}", 0);

        DeadLetterReplay.Result result = DeadLetterReplay.using(client).replay(queue + "_dlq", 100);

        assertThat(result.replayed()).hasSize(2);
        assertThat(result.skipped()).containsExactly(stranger);
        assertThat(rows("SELECT message::text AS message, headers::text AS headers, read_ct FROM pgmq.q_" + queue
                + " ORDER BY msg_id")).extracting(row -> row.get("message") + " " + row.get("headers") + " "
                + row.get("read_ct"))
                .containsExactlyInAnyOrder("{\"n\": 5} {\"trace\": \"t5\"} 0", "{\"n\": 6} null 0");
        assertThat(deadLetters(queue)).hasSize(1);

        Recorder<Numbered> fixed = Recorder.plain();
        PgmqConsumer<Numbered> consumer = polling(Numbered.class, retrying(queue, 1), fixed);
        consumer.start();
        await("replayed messages handled", () -> consumer.stats().processed() == 2);
        assertThat(fixed.handled()).extracting(message -> message.payload().n()).containsExactlyInAnyOrder(5, 6);
        assertThat(fixed.handled()).extracting(Message::msgId).containsExactlyInAnyOrderElementsOf(
                result.replayed());
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("start() on a queue that does not exist fails with QueueNotFoundException; it can start later")
    void startOnMissingQueueFails() throws Exception {
        String queue = uniqueQueue("missing");
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue), Recorder.plain());

        assertThatThrownBy(consumer::start).isInstanceOf(QueueNotFoundException.class)
                .hasMessage("start consumer " + consumer.config().name() + " failed: queue \"" + queue
                        + "\" does not exist");
        assertThat(consumer.isRunning()).isFalse();

        execute("SELECT pgmq.create(?::text)", queue);
        consumer.start();
        long msgId = send(queue, "{}", 0);
        await("handled", () -> consumer.stats().processed() == 1);
        assertThat(count(queue)).isZero();
        assertThat(msgId).isPositive();
    }

    /** The messages of {@code <queue>_dlq}: message and headers as text. */
    private List<Map<String, Object>> deadLetters(String queue) throws SQLException {
        return rows("SELECT message::text AS message, headers::text AS headers FROM pgmq.q_" + queue
                + "_dlq ORDER BY msg_id");
    }
}
