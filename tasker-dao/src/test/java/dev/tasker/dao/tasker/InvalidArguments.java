package dev.tasker.dao.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call is refused with an {@link InvalidArgumentException} naming the argument. */
public final class InvalidArguments {

    private InvalidArguments() {
    }

    /** {@code call} throws an {@link InvalidArgumentException} for {@code argument}, named first in its message. */
    public static void assertInvalid(ThrowingCallable call, String argument) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgumentException.class,
                invalid -> assertThat(invalid.argument()).isEqualTo(argument)).hasMessageStartingWith(argument);
    }
}
