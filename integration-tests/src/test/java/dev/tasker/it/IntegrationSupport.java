package dev.tasker.it;

import dev.tasker.dao.pgmq.notify.Backoff;
import dev.tasker.dao.pgmq.notify.Channel;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.pgmq.notify.PgmqNotificationListener;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.PoolSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The arrange code the integration suites share: pool settings, migrating both sets, unique names, the
 * notification listener on the PGMQ database, bounded waits and plain-SQL reads for assertions.
 */
final class IntegrationSupport {

    /** The longest anything a test waits for (a notification, a reconnect) may take before the test fails. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private IntegrationSupport() {
    }

    /** Upstream's pool defaults for the tasker pool and upstream's test-environment PGMQ pool. */
    static DatabaseSettings settings(ProvisionedDatabases databases) {
        return DatabaseSettings.of(databases).withPools(PoolSettings.TASKER_DEFAULTS, PoolSettings.PGMQ_TEST_DEFAULTS);
    }

    /**
     * Migrates both sets with the {@link Migrator}: the tasker set on the tasker pool, then the PGMQ set on the PGMQ
     * pool. Fails the test, with the report, unless both sets succeeded.
     */
    static MigrationReport migrate(DatabasePools pools) {
        MigrationReport report = Migrator.using(pools).migrate();
        if (!report.succeeded()) {
            throw new AssertionError("Migrating " + pools.describe() + " failed: " + report);
        }
        return report;
    }

    /** A namespace unique to this run, usable in a queue name ({@code [a-z0-9]}, 10 characters). */
    static String uniqueNamespace() {
        return "it" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The worker queue of {@code namespace}: {@code worker_<namespace>_queue}. */
    static String workerQueue(String namespace) {
        return "worker_" + namespace + "_queue";
    }

    /**
     * A started listener on {@code channel} of the PGMQ database {@code pgmq} (its own unpooled connection), once it
     * is connected and listening.
     */
    static PgmqNotificationListener listen(DatabaseEndpoint pgmq, Channel channel, ReadyNotifications handler) {
        ConnectionFactory connections = ConnectionFactory.of(pgmq.jdbcUrl(), emptyToNull(pgmq.user()),
                emptyToNull(pgmq.password()));
        ListenerConfig config = ListenerConfig.defaults()
                .withApplicationName("it-listener-" + UUID.randomUUID().toString().substring(0, 8))
                .withPollTimeout(Duration.ofMillis(200))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0));
        PgmqNotificationListener listener = new PgmqNotificationListener(connections, config, handler);
        listener.subscribe(channel);
        listener.start();
        handler.awaitConnected();
        return listener;
    }

    /**
     * Polls {@code probe} until it yields a value, for at most {@link #WAIT}; fails naming {@code what} otherwise.
     */
    static <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + WAIT + ": " + what);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** The rows of {@code sql} on {@code connection}. */
    static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return SqlRows.rows(connection, sql, parameters);
    }

    /** The first column of each row of {@code sql}, as text. */
    static List<String> strings(Connection connection, String sql, Object... parameters) throws SQLException {
        return rows(connection, sql, parameters).stream()
                .map(row -> String.valueOf(row.values().iterator().next())).toList();
    }

    /** The first column of the single row of {@code sql}. */
    static Object value(Connection connection, String sql, Object... parameters) throws SQLException {
        return SqlRows.single(rows(connection, sql, parameters), sql).values().iterator().next();
    }

    /** The states {@code step} went through, oldest first, read from the tasker database with plain SQL. */
    static List<String> stepStates(Connection tasker, UUID step) throws SQLException {
        return strings(tasker, "SELECT to_state FROM tasker_workflow_step_transitions WHERE workflow_step_uuid = ?"
                + " ORDER BY sort_key", step);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
