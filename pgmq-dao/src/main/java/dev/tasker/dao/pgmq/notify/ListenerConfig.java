package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Arguments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Settings of a {@link PgmqNotificationListener}. Start from {@link #defaults()} and change single settings with
 * the {@code with...} methods.
 *
 * @param applicationName   the {@code application_name} of the dedicated connection (how it shows in
 *                          {@code pg_stat_activity}) and the name of the listener's threads
 * @param pollTimeout       how long one wait for notifications lasts; also the longest a subscribe, unsubscribe or
 *                          close waits for the connection
 * @param idleCheckInterval after this long without notifications the connection is checked with
 *                          {@link java.sql.Connection#isValid(int)}
 * @param validationTimeout how long that check may take (whole seconds, at least 1)
 * @param backoff           delays between connection attempts; its {@link Backoff#maxDelay()} caps how long a
 *                          listener may take to notice that the server is back
 */
public record ListenerConfig(String applicationName, Duration pollTimeout, Duration idleCheckInterval,
                             Duration validationTimeout, Backoff backoff) {

    /**
     * Validates the settings.
     *
     * @throws dev.tasker.dao.pgmq.InvalidArgumentException naming the setting that is null or out of range
     */
    public ListenerConfig {
        Arguments.required("applicationName", applicationName);
        Arguments.check(!applicationName.isBlank() && applicationName.chars().noneMatch(Character::isISOControl)
                        && applicationName.getBytes(StandardCharsets.UTF_8).length <= Channel.MAX_NAME_BYTES,
                "applicationName", "must be 1-" + Channel.MAX_NAME_BYTES
                        + " bytes without control characters, got '" + applicationName + "'");
        Arguments.between("pollTimeout", pollTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
        Arguments.check(Arguments.required("idleCheckInterval", idleCheckInterval).compareTo(pollTimeout) >= 0,
                "idleCheckInterval", "must not be shorter than pollTimeout " + pollTimeout + ", got "
                        + idleCheckInterval);
        Arguments.between("validationTimeout", validationTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
        Arguments.check(validationTimeout.toNanosPart() == 0, "validationTimeout",
                "must be whole seconds, got " + validationTimeout);
        Arguments.required("backoff", backoff);
    }

    /**
     * Application name {@code pgmq-listener}, 500 ms waits, an idle check every 30 s (5 s timeout),
     * {@link Backoff#defaults()} (reconnect attempts at most 2 s apart).
     */
    public static ListenerConfig defaults() {
        return new ListenerConfig("pgmq-listener", Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Backoff.defaults());
    }

    /** The same settings with another application name. */
    public ListenerConfig withApplicationName(String name) {
        return new ListenerConfig(name, pollTimeout, idleCheckInterval, validationTimeout, backoff);
    }

    /** The same settings with another poll timeout. */
    public ListenerConfig withPollTimeout(Duration timeout) {
        return new ListenerConfig(applicationName, timeout, idleCheckInterval, validationTimeout, backoff);
    }

    /** The same settings with another idle check interval and validation timeout. */
    public ListenerConfig withIdleCheck(Duration interval, Duration timeout) {
        return new ListenerConfig(applicationName, pollTimeout, interval, timeout, backoff);
    }

    /** The same settings with another backoff. */
    public ListenerConfig withBackoff(Backoff newBackoff) {
        return new ListenerConfig(applicationName, pollTimeout, idleCheckInterval, validationTimeout, newBackoff);
    }

    /** The same settings with reconnect attempts at most {@code cap} apart. */
    public ListenerConfig withMaxReconnectDelay(Duration cap) {
        return withBackoff(backoff.withMaxDelay(cap));
    }
}
