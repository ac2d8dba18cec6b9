package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on rejected arguments, shared by the test packages. */
public final class Rejections {

    private Rejections() {
    }

    /**
     * Asserts that {@code call} throws {@link InvalidArgumentException} naming {@code argument}, with a message that
     * starts with the argument's name followed by {@code reason} (the reason may be a prefix).
     */
    public static void assertRejected(ThrowingCallable call, String argument, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.argument()).isEqualTo(argument);
            assertThat(e).hasMessageStartingWith(argument + ": " + reason);
        });
    }

    /** Asserts that {@code call} throws {@link InvalidArgumentException} because {@code argument} is null. */
    public static void assertRejectedNull(ThrowingCallable call, String argument) {
        assertRejected(call, argument, "must not be null");
    }
}
