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
        for (String name : new String[] {"orders", "with-hyphen and space", "a-b", "ünïcode", "日本", "\uD83D\uDE00"}) {
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
        assertThatThrownBy(() -> QueueNames.validate("x".repeat(62))).isInstanceOf(InvalidQueueNameException.class)
                .hasMessageContaining("63-byte identifier limit");
        assertThatThrownBy(() -> QueueNames.validate("é".repeat(31))).hasMessageContaining("63-byte");
    }

    @Test
    void namesWhoseDerivedIdentifiersWouldBeTruncatedAreRejectedCountingUtf8Bytes() {
        assertThat(QueueNames.validate("x".repeat(47))).hasSize(47);
        assertThat(QueueNames.forCreate("é".repeat(23) + "x")).hasSize(24); // 47 bytes
        for (String name : new String[] {"x".repeat(48), "x".repeat(61), "é".repeat(24), "日".repeat(16)}) {
            assertThatThrownBy(() -> QueueNames.validate(name)).isInstanceOf(InvalidQueueNameException.class)
                    .hasMessageContaining("bytes in UTF-8, at most 47 fit PostgreSQL's 63-byte limit");
        }
        assertThatThrownBy(() -> QueueNames.forCreate("é".repeat(24))).hasMessageContaining("48 bytes in UTF-8");
    }

    @Test
    void unpairedSurrogatesAndNulAreRejected() {
        for (String name : new String[] {"\uD800coll", "coll\uDC00", "a\uDC00\uD800b", "\uD83D"}) {
            assertThatThrownBy(() -> QueueNames.validate(name)).isInstanceOf(InvalidQueueNameException.class)
                    .hasMessageContaining("unpaired UTF-16 surrogate");
        }
        assertThatThrownBy(() -> QueueNames.validate("a\u0000b")).isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name must not contain NUL (\\u0000), found at index 1");
    }

    @Test
    void uppercaseLettersAreRejectedNamingTheLowercaseSpelling() {
        for (String name : new String[] {"ABC", "MixedCase", "Émile", "\u212Aelvin"}) {
            assertThatThrownBy(() -> QueueNames.validate(name)).isInstanceOf(InvalidQueueNameException.class)
                    .hasMessageContaining("contains uppercase letters")
                    .hasMessageContaining("use \"" + name.toLowerCase(java.util.Locale.ROOT) + "\"");
        }
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
