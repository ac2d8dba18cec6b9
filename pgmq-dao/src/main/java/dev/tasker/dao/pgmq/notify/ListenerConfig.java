package dev.tasker.dao.pgmq.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

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
 * @param backoff           delays between connection attempts
 */
public record ListenerConfig(String applicationName, Duration pollTimeout, Duration idleCheckInterval,
                             Duration validationTimeout, Backoff backoff) {

    /** Validates the settings. */
    public ListenerConfig {
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(idleCheckInterval, "idleCheckInterval");
        Objects.requireNonNull(validationTimeout, "validationTimeout");
        Objects.requireNonNull(backoff, "backoff");
        if (applicationName.isBlank() || applicationName.chars().anyMatch(Character::isISOControl)
                || applicationName.getBytes(StandardCharsets.UTF_8).length > Channel.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("applicationName must be 1-" + Channel.MAX_NAME_BYTES
                    + " bytes without control characters, got '" + applicationName + "'");
        }
        if (pollTimeout.compareTo(Duration.ofMillis(1)) < 0 || pollTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("pollTimeout must be between 1 ms and 10 minutes, got " + pollTimeout);
        }
        if (idleCheckInterval.compareTo(pollTimeout) < 0) {
            throw new IllegalArgumentException("idleCheckInterval " + idleCheckInterval
                    + " is shorter than pollTimeout " + pollTimeout);
        }
        if (validationTimeout.compareTo(Duration.ofSeconds(1)) < 0 || validationTimeout.toSeconds() > 3_600
                || validationTimeout.toNanosPart() != 0) {
            throw new IllegalArgumentException("validationTimeout must be whole seconds between 1 and 3600, got "
                    + validationTimeout);
        }
    }

    /** Application name {@code pgmq-listener}, 500 ms waits, an idle check every 30 s (5 s timeout), default backoff. */
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
}
