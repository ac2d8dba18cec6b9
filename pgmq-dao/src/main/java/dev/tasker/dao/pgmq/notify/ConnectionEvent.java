package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Duration;
import java.util.Set;

/**
 * The listener's connection lifecycle. Notifications sent while the listener was not connected are lost, so a
 * consumer should poll its queues after {@link Reconnected}.
 */
public sealed interface ConnectionEvent {

    /**
     * The first connection is up and LISTENs on every subscribed channel.
     *
     * @param backendPid the server process id of the dedicated connection
     * @param attempts   how many attempts it took (1 when the first one succeeded)
     * @param channels   the channels listened on
     */
    record Connected(int backendPid, int attempts, Set<Channel> channels) implements ConnectionEvent {

        /** Copies the channels. */
        public Connected {
            channels = Set.copyOf(channels);
        }
    }

    /**
     * The connection was lost (an error while waiting, or a failed validity check while idle).
     *
     * @param reason what went wrong
     */
    record Disconnected(String reason) implements ConnectionEvent {

        /** Checks that the reason is not null. */
        public Disconnected {
            Arguments.required("reason", reason);
        }
    }

    /**
     * An attempt to connect (first connection or reconnect) failed; the next one follows after {@code retryIn}.
     *
     * @param attempt the number of the failed attempt, from 1
     * @param reason  what went wrong
     * @param retryIn the backoff delay before the next attempt
     */
    record ConnectFailed(int attempt, String reason, Duration retryIn) implements ConnectionEvent {

        /** Checks that no component is null. */
        public ConnectFailed {
            Arguments.required("reason", reason);
            Arguments.required("retryIn", retryIn);
        }
    }

    /**
     * A new connection replaced a lost one and LISTENs again on every subscribed channel.
     *
     * @param backendPid the server process id of the new connection
     * @param attempts   how many attempts it took
     * @param downtime   how long the listener was without a connection
     * @param channels   the channels listened on
     */
    record Reconnected(int backendPid, int attempts, Duration downtime, Set<Channel> channels)
            implements ConnectionEvent {

        /** Copies the channels. */
        public Reconnected {
            Arguments.required("downtime", downtime);
            channels = Set.copyOf(channels);
        }
    }
}
