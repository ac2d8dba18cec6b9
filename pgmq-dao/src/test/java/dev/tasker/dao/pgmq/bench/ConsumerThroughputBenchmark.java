package dev.tasker.dao.pgmq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Drain throughput of {@link PgmqConsumer} against a raw JDBC loop (a benchmark main, not a test). Each round
 * sends the same number of messages ({@code pgmq.send_batch}) before each contender and measures how long it takes
 * to drain them with a no-op handler:
 *
 * <ul>
 *   <li><b>raw</b>: one pooled connection, {@code pgmq.read(queue, 30, 10)} then {@code pgmq.delete(queue,
 *       bigint[])} of what it read, until a read comes back empty (the baseline);</li>
 *   <li><b>consumer-default</b>: a polling consumer with {@link ConsumerConfig#defaults(String)} on the same pool;</li>
 *   <li><b>consumer-50</b>: the same with 50 handler slots.</li>
 * </ul>
 * Ratios are taken within a round, so the load of a shared machine hits both sides alike; the report gives each
 * round and the median.
 *
 * <p>Run (from the project root): {@code ./mvnw -q -pl pgmq-dao -am test-compile exec:java -Dexec.skip=true
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.tasker.dao.pgmq.bench.ConsumerThroughputBenchmark
 * -Dexec.args="20000 5"} (messages per drain, rounds).
 */
public final class ConsumerThroughputBenchmark {

    private static final String QUEUE = "bench_throughput_queue";

    private ConsumerThroughputBenchmark() {
    }

    /** {@code args}: messages per drain (default 20,000), rounds (default 5). */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        DatabaseEndpoint pgmq = TestDatabases.provision(DatabaseMode.SPLIT).pgmq();
        PgmqMigrations.migrate(pgmq.dataSource());
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setJdbcUrl(pgmq.jdbcUrl());
        poolConfig.setUsername(pgmq.user());
        poolConfig.setPassword(pgmq.password().isEmpty() ? null : pgmq.password());
        poolConfig.setMaximumPoolSize(15);
        try (HikariDataSource pool = new HikariDataSource(poolConfig)) {
            PgmqClient client = PgmqClient.using(pool);
            client.queues().create(QUEUE);
            List<String> names = List.of("raw", "consumer-default", "consumer-50");
            List<UnaryOperator<ConsumerConfig>> configs = List.of(UnaryOperator.identity(),
                    config -> config.withMaxConcurrency(50));
            drainRaw(pool, messages / 4); // warm-up
            drainConsumer(pool, client, messages / 4, UnaryOperator.identity());
            double[][] perSecond = new double[names.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                perSecond[0][round] = drainRaw(pool, messages);
                for (int c = 0; c < configs.size(); c++) {
                    perSecond[c + 1][round] = drainConsumer(pool, client, messages, configs.get(c));
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", round + 1));
                for (int n = 0; n < names.size(); n++) {
                    line.append(String.format(Locale.ROOT, "  %s %.0f msg/s (%.2fx)", names.get(n),
                            perSecond[n][round], perSecond[n][round] / perSecond[0][round]));
                }
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "%d messages per drain, %d rounds, %d CPUs, load average %.2f%n",
                    messages, rounds, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (int n = 0; n < names.size(); n++) {
                double[] ratios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    ratios[round] = perSecond[n][round] / perSecond[0][round];
                }
                System.out.printf(Locale.ROOT, "%-17s median %.0f msg/s, ratio to raw: median %.2f (min %.2f,"
                        + " max %.2f)%n", names.get(n), median(perSecond[n]), median(ratios),
                        Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
            }
        }
    }

    /** Sends {@code messages} messages in batches of 1,000 (outside the timing). */
    private static void fill(HikariDataSource pool, int messages) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement send = connection.prepareStatement("SELECT pgmq.send_batch(?::text, ARRAY(SELECT"
                     + " jsonb_build_object('n', g) FROM generate_series(1, ?::integer) AS g))")) {
            for (int sent = 0; sent < messages; sent += 1_000) {
                send.setString(1, QUEUE);
                send.setInt(2, Math.min(1_000, messages - sent));
                send.executeQuery().close();
            }
        }
    }

    /** The baseline: read 10, delete them in one statement, until empty; messages per second. */
    private static double drainRaw(HikariDataSource pool, int messages) throws SQLException {
        fill(pool, messages);
        long started = System.nanoTime();
        int drained = 0;
        try (Connection connection = pool.getConnection();
             PreparedStatement read = connection.prepareStatement(
                     "SELECT msg_id, read_ct, enqueued_at, vt, message FROM pgmq.read(?::text, 30, 10)");
             PreparedStatement delete = connection.prepareStatement(
                     "SELECT pgmq.delete(?::text, ?::bigint[])")) {
            while (true) {
                read.setString(1, QUEUE);
                List<Long> ids = new ArrayList<>(10);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                        rows.getString(5);
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                Array array = connection.createArrayOf("bigint", ids.toArray());
                delete.setString(1, QUEUE);
                delete.setArray(2, array);
                delete.executeQuery().close();
                drained += ids.size();
            }
        }
        return rate(drained, messages, started);
    }

    /** A polling consumer with a no-op handler until it processed them all; messages per second. */
    private static double drainConsumer(HikariDataSource pool, PgmqClient client, int messages,
                                        UnaryOperator<ConsumerConfig> adjust) throws SQLException {
        fill(pool, messages);
        ConsumerConfig config = adjust.apply(ConsumerConfig.defaults(QUEUE));
        long started = System.nanoTime();
        try (PgmqConsumer<JsonNode> consumer = PgmqConsumer.polling(client, JsonNode.class, config,
                message -> { })) {
            consumer.start();
            long deadline = started + TimeUnit.MINUTES.toNanos(5);
            while (consumer.stats().processed() < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not drained: " + consumer.stats());
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
            double rate = rate((int) consumer.stats().processed(), messages, started);
            if (System.getProperty("bench.verbose") != null) {
                System.out.printf(Locale.ROOT, "  %d slots: %.1f messages per read%n", config.maxConcurrency(),
                        (double) messages / consumer.stats().batchReads());
            }
            return rate;
        }
    }

    private static double rate(int drained, int expected, long started) {
        if (drained != expected) {
            throw new IllegalStateException("drained " + drained + " of " + expected + " messages");
        }
        return drained / ((System.nanoTime() - started) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
