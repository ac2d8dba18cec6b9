package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Instant;

/**
 * When a sent message becomes visible: after a number of seconds (pgmq's {@code integer} overloads) or at an
 * absolute instant (the {@code timestamptz} overloads).
 */
public sealed interface Delay {

    /** Visible at once (a delay of 0 seconds). */
    Delay NONE = new Seconds(0);

    /** Visible {@code seconds} after the send (negative means already visible, as in pgmq). */
    static Delay seconds(int seconds) {
        return new Seconds(seconds);
    }

    /** Visible from {@code at} on. */
    static Delay until(Instant at) {
        return new Until(at);
    }

    /** A relative delay in seconds. */
    record Seconds(int seconds) implements Delay {
    }

    /** An absolute time of visibility. */
    record Until(Instant at) implements Delay {

        /** Rejects a null instant. */
        public Until {
            Arguments.required("at", at);
        }
    }
}
