package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** pgmq's queue-name rules (spec B.5) and the wrappers' rule, checked without a database. */
class QueueNamesTest {

    private static final String INVALID = "queue name contains invalid characters: $, ;, --, or \\'";

    @Test
    void pgmqsForbiddenCharactersAreRejectedWithItsText() {
        for (String name : new String[] {"a$b", "a;b", "a--b", "it's", "$", "--"}) {
            assertThatThrownBy(() -> QueueNames.validate(name)).isInstanceOf(InvalidQueueNameException.class)
                    .hasMessage(INVALID)
                    .satisfies(e -> assertThat(((InvalidQueueNameException) e).queueName()).isEqualTo(name));
        }
    }

    @Test
    void namesPgmqAcceptsArePassedThrough() {
        for (String name : new String[] {"orders", "with-hyphen and space", "MixedCase", "a-b", "ünïcode"}) {
            assertThat(QueueNames.validate(name)).isEqualTo(name);
        }
    }

    @Test
    void createAllowsAtMost47Characters() {
        assertThat(QueueNames.forCreate("x".repeat(47))).hasSize(47);
        assertThatThrownBy(() -> QueueNames.forCreate("x".repeat(48))).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name is too long, maximum length is 47 characters");
        assertThatThrownBy(() -> QueueNames.forCreate("a;" + "x".repeat(60))).hasMessage(INVALID);
    }

    @Test
    void namesWhoseTableNameWouldBeTruncatedAreRejected() {
        assertThat(QueueNames.validate("x".repeat(61))).hasSize(61);
        assertThatThrownBy(() -> QueueNames.validate("x".repeat(62))).isInstanceOf(InvalidQueueNameException.class)
                .hasMessageContaining("63-byte identifier limit");
        assertThatThrownBy(() -> QueueNames.validate("é".repeat(31))).hasMessageContaining("63-byte");
    }

    @Test
    void nullAndEmptyNamesAreRejected() {
        assertThatThrownBy(() -> QueueNames.validate(null)).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name must not be null");
        assertThatThrownBy(() -> QueueNames.forCreate("")).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name must not be empty");
    }

    @Test
    void theWrappersAcceptOnlyLettersDigitsAndUnderscores() {
        assertThat(QueueNames.forWrapper("worker_rust_queue")).isEqualTo("worker_rust_queue");
        for (String name : new String[] {"with-hyphen", "with space", "ünïcode", "dot.ted"}) {
            assertThatThrownBy(() -> QueueNames.forWrapper(name)).isInstanceOf(InvalidQueueNameException.class)
                    .hasMessage("Invalid queue name: " + name);
        }
        assertThatThrownBy(() -> QueueNames.forWrapper("a'b")).hasMessage(INVALID);
    }
}
