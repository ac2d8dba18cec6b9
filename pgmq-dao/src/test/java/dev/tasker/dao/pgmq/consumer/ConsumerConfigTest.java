package dev.tasker.dao.pgmq.consumer;

import static dev.tasker.dao.pgmq.Rejections.assertRejected;
import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.pgmq.InvalidQueueNameException;
import dev.tasker.dao.pgmq.notify.Backoff;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Consumer settings: documented defaults, single-setting changes, invalid values rejected naming the setting. */
class ConsumerConfigTest {

    private final ConsumerConfig defaults = ConsumerConfig.defaults("orders_queue");

    @Test
    @DisplayName("defaults: 30 s timeout with 15 s heartbeat, 10 slots, 500 ms polling, 10 s grace, delete/retry"
            + " with the default policy into <queue>_dlq, no handler timeout, error backoff capped at 2 s")
    void defaults() {
        assertThat(defaults.queue()).isEqualTo("orders_queue");
        assertThat(defaults.name()).isEqualTo("pgmq-consumer-orders_queue");
        assertThat(defaults.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.visibilityTimeoutSeconds()).isEqualTo(30);
        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.maxConcurrency()).isEqualTo(10);
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.onSuccess()).isEqualTo(SuccessAction.DELETE);
        assertThat(defaults.onFailure()).isEqualTo(FailureAction.RETRY);
        assertThat(defaults.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(defaults.deadLetterQueue()).isEqualTo("orders_queue_dlq");
        assertThat(defaults.handlerTimeout()).isEmpty();
        assertThat(defaults.errorBackoff().initialDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.errorBackoff().maxDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("each with-method changes one setting; a new timeout brings a heartbeat at half of it")
    void withMethods() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, 0);
        ConsumerConfig changed = defaults.withName("n").withVisibilityTimeout(Duration.ofSeconds(8))
                .withMaxConcurrency(3).withPollInterval(Duration.ofSeconds(2)).withShutdownGrace(Duration.ZERO)
                .withOutcomes(SuccessAction.ARCHIVE, FailureAction.ARCHIVE).withErrorBackoff(backoff)
                .withRetry(RetryPolicy.defaults().withMaxAttempts(2)).withDeadLetterQueue("orders_dead")
                .withHandlerTimeout(Duration.ofSeconds(3));

        assertThat(changed).isEqualTo(new ConsumerConfig("orders_queue", "n", Duration.ofSeconds(8), 3,
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ZERO, SuccessAction.ARCHIVE,
                FailureAction.ARCHIVE, backoff, RetryPolicy.defaults().withMaxAttempts(2), "orders_dead",
                Optional.of(Duration.ofSeconds(3))));
        assertThat(changed.withHeartbeatInterval(Duration.ofSeconds(1)).heartbeatInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("queue names are checked with the read-specific wrapper's rule (InvalidQueueNameException)")
    void invalidQueueNames() {
        assertThatThrownBy(() -> ConsumerConfig.defaults(null)).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name must not be null");
        assertThatThrownBy(() -> ConsumerConfig.defaults("a-b")).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("Invalid queue name: a-b");
        assertThatThrownBy(() -> ConsumerConfig.defaults("a;b")).isInstanceOf(InvalidQueueNameException.class);
    }

    @Test
    @DisplayName("out-of-range settings are rejected, naming the setting and the value")
    void invalidSettings() {
        assertRejected(() -> defaults.withName(" "), "name",
                "must not be blank or contain control characters, got ' '");
        assertRejectedNull(() -> defaults.withName(null), "name");
        assertRejected(() -> defaults.withVisibilityTimeout(Duration.ofMillis(1500)), "visibilityTimeout",
                "must be whole seconds, got PT1.5S");
        assertRejected(() -> defaults.withVisibilityTimeout(Duration.ZERO), "visibilityTimeout",
                "must be between PT1S and");
        assertRejectedNull(() -> defaults.withVisibilityTimeout(null), "visibilityTimeout");
        assertRejected(() -> defaults.withMaxConcurrency(0), "maxConcurrency",
                "must be between 1 and 10000, got 0");
        assertRejected(() -> defaults.withMaxConcurrency(10_001), "maxConcurrency", "must be between 1 and 10000");
        assertRejected(() -> defaults.withPollInterval(Duration.ZERO), "pollInterval",
                "must be between PT0.001S and PT1H, got PT0S");
        assertRejected(() -> defaults.withHeartbeatInterval(Duration.ofSeconds(30)), "heartbeatInterval",
                "must be at least 10 ms and shorter than the visibilityTimeout PT30S, got PT30S");
        assertRejectedNull(() -> defaults.withHeartbeatInterval(null), "heartbeatInterval");
        assertRejected(() -> defaults.withShutdownGrace(Duration.ofSeconds(-1)), "shutdownGrace",
                "must not be negative, got PT-1S");
        assertRejectedNull(() -> defaults.withOutcomes(null, FailureAction.ARCHIVE), "onSuccess");
        assertRejectedNull(() -> defaults.withOutcomes(SuccessAction.DELETE, null), "onFailure");
        assertRejectedNull(() -> defaults.withErrorBackoff(null), "errorBackoff");
        assertRejectedNull(() -> defaults.withRetry(null), "retry");
        assertRejected(() -> defaults.withDeadLetterQueue("orders_queue"), "deadLetterQueue",
                "must differ from the queue orders_queue");
        assertRejected(() -> defaults.withDeadLetterQueue("x".repeat(48)), "deadLetterQueue",
                "is not a valid queue name");
        assertThatThrownBy(() -> ConsumerConfig.defaults("q".repeat(44)))
                .hasMessageContaining("deadLetterQueue: is not a valid queue name")
                .hasMessageEndingWith("name another with ConsumerConfig.defaults(queue, deadLetterQueue) or"
                        + " withDeadLetterQueue");
        assertThat(ConsumerConfig.defaults("q".repeat(44), "q_dead").deadLetterQueue()).isEqualTo("q_dead");
        assertRejected(() -> defaults.withHandlerTimeout(Duration.ZERO), "handlerTimeout",
                "must be between PT0.001S and PT24H, got PT0S");
        assertRejected(() -> RetryPolicy.defaults().withMaxAttempts(0), "maxAttempts",
                "must be between 1 and 1000, got 0");
        assertRejected(() -> RetryBackoff.fixed(Duration.ofSeconds(-1)), "delay", "must be between PT0S and PT24H");
        assertRejected(() -> RetryBackoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0), "max",
                "must be between PT2S and PT24H, got PT1S");
        assertRejected(() -> RetryBackoff.exponential(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0), "multiplier",
                "must be a finite number >= 1, got 0.5");
    }

    @Test
    @DisplayName("retry backoff: fixed, exponential growth capped with jitter, rounded up to whole seconds")
    void retryBackoff() {
        java.util.Random random = new java.util.Random(7);
        assertThat(RetryBackoff.fixed(Duration.ZERO).seconds(3, random)).isZero();
        assertThat(RetryBackoff.fixed(Duration.ofMillis(1500)).seconds(1, random)).isEqualTo(2);
        RetryBackoff exponential = RetryBackoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10), 2, 0);
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(n -> exponential.seconds(n, random)).toList())
                .containsExactly(1, 2, 4, 8, 10, 10);
        RetryBackoff jittered = RetryBackoff.exponential(Duration.ofSeconds(8), Duration.ofSeconds(8), 2, 0.5);
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.delay(1, random)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
        assertThat(RetryPolicy.defaults().withNonRetryable(IllegalArgumentException.class)
                .isRetryable(new NumberFormatException())).isFalse();
        assertThat(RetryPolicy.defaults().isRetryable(new NumberFormatException())).isTrue();
    }

    @Test
    @DisplayName("listener reconnect attempts are at most 2 s apart by default; the cap is configurable")
    void listenerReconnectCap() {
        ListenerConfig listener = ListenerConfig.defaults();
        assertThat(listener.backoff().maxDelay()).isEqualTo(Duration.ofSeconds(2));
        java.util.Random random = new java.util.Random(1);
        assertThat(listener.backoff().delay(30, random)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        ListenerConfig capped = listener.withMaxReconnectDelay(Duration.ofMillis(500));
        assertThat(capped.backoff().maxDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(capped.backoff().delay(30, random)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(listener.withMaxReconnectDelay(Duration.ofMillis(50)).backoff().initialDelay())
                .isEqualTo(Duration.ofMillis(50));
    }
}
