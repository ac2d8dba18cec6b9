package dev.tasker.dao.pgmq.notify;

import static dev.tasker.dao.pgmq.Rejections.assertRejected;
import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.pgmq.InvalidQueueNameException;
import dev.tasker.dao.pgmq.QueueNames;
import java.time.Duration;
import java.util.Properties;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Channel names, namespaces, queue names, settings and connection URLs: bad input is rejected with a clear text. */
class ListenerInputTest {

    @Test
    @DisplayName("channel factories build the documented names and quote them as identifiers")
    void channelNames() {
        assertThat(Channel.messageReady("orchestration").name()).isEqualTo("pgmq_message_ready.orchestration");
        assertThat(Channel.queueInsert("Worker_Rust_Queue").name()).isEqualTo("pgmq.q_worker_rust_queue.INSERT");
        assertThat(Channel.queueInsert("Worker_Rust_Queue").insertQueue()).contains("worker_rust_queue");
        assertThat(Channel.MESSAGE_READY.insertQueue()).isEmpty();
        assertThat(Channel.of("a\"b.C").quoted()).isEqualTo("\"a\"\"b.C\"");
        assertThat(Channel.messageReady("a".repeat(44)).name()).hasSize(63);
    }

    @Test
    @DisplayName("invalid channel names and namespaces are rejected with InvalidChannelNameException naming the problem")
    void invalidChannelNames() {
        assertThatThrownBy(() -> Channel.of("")).isInstanceOf(InvalidChannelNameException.class)
                .hasMessage("Channel name is empty");
        assertThatThrownBy(() -> Channel.of(null)).isInstanceOf(InvalidChannelNameException.class)
                .hasMessage("Channel name must not be null")
                .satisfies(e -> assertThat(((InvalidChannelNameException) e).rejected()).isNull());
        assertThatThrownBy(() -> Channel.of("a\0b")).isInstanceOf(InvalidChannelNameException.class)
                .hasMessageContaining("NUL character");
        assertThatThrownBy(() -> Channel.of("\u00e9".repeat(32)))
                .isInstanceOf(InvalidChannelNameException.class)
                .hasMessageContaining("64 bytes long, PostgreSQL allows at most 63")
                .satisfies(e -> assertThat(((InvalidChannelNameException) e).rejected()).isEqualTo("\u00e9".repeat(32)));
        assertThatThrownBy(() -> Channel.messageReady(null)).isInstanceOf(InvalidChannelNameException.class)
                .hasMessage("Namespace must not be null");
        assertThatThrownBy(() -> Channel.messageReady(" ")).isInstanceOf(InvalidChannelNameException.class)
                .hasMessage("Namespace is blank");
        assertThatThrownBy(() -> Channel.messageReady("a\nb")).isInstanceOf(InvalidChannelNameException.class)
                .hasMessage("Namespace contains a control character: a\\u000ab");
        assertThatThrownBy(() -> Channel.messageReady("a".repeat(45))).isInstanceOf(InvalidChannelNameException.class)
                .hasMessageContaining("Namespace is too long for channel pgmq_message_ready.<namespace>: at most 44");
        assertThatThrownBy(() -> Channel.forQueue("q".repeat(52) + "_queue"))
                .isInstanceOf(InvalidChannelNameException.class)
                .hasMessageContaining("Namespace is too long");
    }

    @Test
    @DisplayName("invalid queue names are rejected with the client's InvalidQueueNameException and pgmq's texts")
    void invalidQueueNames() {
        assertThatThrownBy(() -> Channel.queueInsert(null)).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name must not be null");
        assertThatThrownBy(() -> Channel.queueInsert("")).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name must not be empty");
        assertThatThrownBy(() -> Channel.queueInsert("q".repeat(48))).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage(QueueNames.TOO_LONG);
        assertThatThrownBy(() -> Channel.queueInsert("a;drop")).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage(QueueNames.INVALID_CHARACTERS)
                .satisfies(e -> assertThat(((InvalidQueueNameException) e).queueName()).isEqualTo("a;drop"));
        assertThatThrownBy(() -> Channel.queueInsert("a--b")).isInstanceOf(InvalidQueueNameException.class);
        assertThatThrownBy(() -> Channel.queueInsert("it's")).isInstanceOf(InvalidQueueNameException.class);
        assertThatThrownBy(() -> Channel.forQueue("a$b")).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage(QueueNames.INVALID_CHARACTERS);
        assertThatThrownBy(() -> Channel.namespaceOf(null)).isInstanceOf(InvalidQueueNameException.class);
    }

    @Test
    @DisplayName("backoff grows by the multiplier up to the cap; jitter only shortens; bad settings are rejected")
    void backoff() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3.0, 0.5);
        RandomGenerator none = fixed(0.0);
        RandomGenerator most = fixed(0.999_999);

        assertThat(backoff.delay(1, none)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2, none)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.delay(3, none)).isEqualTo(Duration.ofMillis(900));
        assertThat(backoff.delay(4, none)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(10_000, none)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(4, most)).isBetween(Duration.ofMillis(500), Duration.ofMillis(501));
        assertRejected(() -> backoff.delay(0, none), "attempt", "must be at least 1, got 0");
        assertRejectedNull(() -> backoff.delay(1, null), "random");
        Duration second = Duration.ofSeconds(1);
        assertRejected(() -> new Backoff(Duration.ZERO, second, 2, 0), "initialDelay", "must be positive, got PT0S");
        assertRejectedNull(() -> new Backoff(null, second, 2, 0), "initialDelay");
        assertRejectedNull(() -> new Backoff(second, null, 2, 0), "maxDelay");
        assertRejected(() -> new Backoff(Duration.ofSeconds(2), second, 2, 0), "maxDelay",
                "must not be shorter than initialDelay PT2S, got PT1S");
        assertRejected(() -> new Backoff(second, second, 0.5, 0), "multiplier",
                "must be a finite number >= 1, got 0.5");
        assertRejected(() -> new Backoff(second, second, Double.NaN, 0), "multiplier", "must be a finite number");
        assertRejected(() -> new Backoff(second, second, 2, 1.5), "jitter", "must be between 0 and 1, got 1.5");
    }

    @Test
    @DisplayName("listener settings: sensible defaults, invalid values rejected")
    void listenerConfig() {
        ListenerConfig defaults = ListenerConfig.defaults();
        assertThat(defaults.pollTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.idleCheckInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.backoff()).isEqualTo(Backoff.defaults());

        assertRejected(() -> defaults.withApplicationName(" "), "applicationName", "must be 1-63 bytes");
        assertRejected(() -> defaults.withApplicationName("x".repeat(64)), "applicationName", "must be 1-63 bytes");
        assertRejectedNull(() -> defaults.withApplicationName(null), "applicationName");
        assertRejected(() -> defaults.withPollTimeout(Duration.ZERO), "pollTimeout",
                "must be between PT0.001S and PT10M, got PT0S");
        assertRejectedNull(() -> defaults.withPollTimeout(null), "pollTimeout");
        assertRejected(() -> defaults.withIdleCheck(Duration.ofMillis(100), Duration.ofSeconds(1)),
                "idleCheckInterval", "must not be shorter than pollTimeout PT0.5S, got PT0.1S");
        assertRejected(() -> defaults.withIdleCheck(Duration.ofSeconds(30), Duration.ofMillis(1500)),
                "validationTimeout", "must be whole seconds, got PT1.5S");
        assertRejected(() -> defaults.withIdleCheck(Duration.ofSeconds(30), Duration.ofHours(2)),
                "validationTimeout", "must be between PT1S and PT1H, got PT2H");
        assertRejectedNull(() -> defaults.withBackoff(null), "backoff");
    }

    @Test
    @DisplayName("a connection factory needs a PostgreSQL JDBC URL; the password is not echoed")
    void connectionFactoryUrl() {
        assertRejected(() -> ConnectionFactory.of("jdbc:mysql://h/db?password=secret", "u", "p"), "jdbcUrl",
                "must be a PostgreSQL JDBC URL (jdbc:postgresql:...), got jdbc:mysql://h/db?password=****");
        assertRejectedNull(() -> ConnectionFactory.of(null, new Properties()), "jdbcUrl");
        assertRejectedNull(() -> ConnectionFactory.of("jdbc:postgresql://h/db", null), "properties");
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
