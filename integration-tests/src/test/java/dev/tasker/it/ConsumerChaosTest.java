package dev.tasker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.EmbeddedDatabaseProvider;
import dev.tasker.database.EmbeddedServerOptions;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SuiteMode;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers in separate JVM processes ({@link ChaosWorker}) drain a queue while it is disrupted: one process is
 * killed with SIGKILL mid-run (its messages in flight were neither handled to the end nor deleted), and the
 * PostgreSQL server is stopped and started again on the same data directory and port mid-drain. Every message must
 * be handled at least once, none lost, none dead-lettered by the disruption, and the surviving processes must
 * resume by themselves after the restart.
 *
 * <p>The test owns its embedded server (whatever {@code -Dtasker.db.provider} says), since it has to stop and start
 * it; databases and migration follow the mode of the run.
 */
@ExtendWith(SuiteModeCondition.class)
class ConsumerChaosTest {

    private static final int MESSAGES = 1_200;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temporary;

    private final List<Process> workers = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();
    private EmbeddedDatabaseProvider server;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process worker : workers) {
            worker.destroyForcibly();
            worker.waitFor(30, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedProcessesAndAServerRestartLoseNothing() throws Exception {
        Path dataDirectory = temporary.resolve("cluster");
        server = EmbeddedDatabaseProvider.start(EmbeddedServerOptions.persistent(dataDirectory));
        int port = server.server().port();
        DatabaseMode mode = SuiteMode.current();
        ProvisionedDatabases databases = server.provision(mode);
        DatabaseEndpoint pgmq = databases.pgmq(); // the tasker database in single mode, too
        PgmqMigrations.migrate(pgmq.dataSource()); // the consumers need only the pgmq set
        String queue = "chaos_" + UUID.randomUUID().toString().substring(0, 8);
        Set<Long> sent = new HashSet<>();
        try (Connection connection = pgmq.connect()) {
            PgmqClient client = PgmqClient.using(connection);
            client.queues().create(queue);
            for (int from = 0; from < MESSAGES; from += 100) {
                sent.addAll(client.sender().sendBatch(queue, Collections.nCopies(100, "{}")));
            }
        }

        Process doomed = startWorker(pgmq, queue, "a");
        startWorker(pgmq, queue, "b");
        awaitHandled("the first messages handled by process a", 100, Optional.of(0));
        doomed.destroyForcibly(); // SIGKILL: no shutdown hook, its messages in flight stay hidden until their vt
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doomed.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        startWorker(pgmq, queue, "c");
        awaitHandled("process c handling", 1, Optional.of(2));
        awaitHandled("a third of the messages handled", MESSAGES / 3, Optional.empty());

        server.close(); // stops the server: every connection of the workers breaks
        List<Integer> beforeRestart = List.of(handledLines(1).size(), handledLines(2).size());
        server = EmbeddedDatabaseProvider.start(EmbeddedServerOptions.persistent(dataDirectory).withPort(port));

        awaitAllHandled(sent);
        awaitQueueEmpty(pgmq, queue);
        assertThat(handledLines(1).size()).as("process b resumed after the restart").isGreaterThan(
                beforeRestart.get(0));
        assertThat(handledLines(2).size()).as("process c resumed after the restart").isGreaterThan(
                beforeRestart.get(1));
        try (Connection connection = pgmq.connect()) {
            assertThat(IntegrationSupport.value(connection, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?",
                    queue + "_dlq")).as("no dead-letter queue was needed").isEqualTo(0L);
        }
        Set<Long> handled = new HashSet<>();
        for (int worker = 0; worker < outputs.size(); worker++) {
            handled.addAll(handledLines(worker));
        }
        assertThat(handled).as("nothing handled that was not sent").isEqualTo(sent);
    }

    private Process startWorker(DatabaseEndpoint pgmq, String queue, String name) throws IOException {
        Path output = temporary.resolve("handled-" + name + ".txt");
        Files.createFile(output);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChaosWorker.class.getName(), pgmq.jdbcUrl(),
                pgmq.user(), pgmq.password().isEmpty() ? "-" : pgmq.password(), queue, output.toString())
                .redirectErrorStream(true)
                .redirectOutput(temporary.resolve("worker-" + name + ".log").toFile())
                .start();
        workers.add(process);
        outputs.add(output);
        return process;
    }

    /** The message ids worker {@code index} recorded (complete lines only: a SIGKILL may cut the last one). */
    private List<Long> handledLines(int index) throws IOException {
        String text = Files.readString(outputs.get(index), StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().map(Long::parseLong).toList();
    }

    /** Waits until worker {@code worker} (or all of them together) recorded at least {@code count} messages. */
    private void awaitHandled(String what, int count, Optional<Integer> worker) throws Exception {
        awaitCondition(what, () -> {
            int total = 0;
            for (int index = 0; index < outputs.size(); index++) {
                if (worker.isEmpty() || worker.get() == index) {
                    total += handledLines(index).size();
                }
            }
            return total >= count;
        });
    }

    private void awaitAllHandled(Set<Long> sent) throws Exception {
        awaitCondition("every message handled", () -> {
            Set<Long> handled = new HashSet<>();
            for (int index = 0; index < outputs.size(); index++) {
                handled.addAll(handledLines(index));
            }
            return handled.containsAll(sent);
        });
    }

    private void awaitQueueEmpty(DatabaseEndpoint pgmq, String queue) throws Exception {
        awaitCondition("the queue empty", () -> {
            try (Connection connection = pgmq.connect()) {
                return ((Number) IntegrationSupport.value(connection, "SELECT count(*) FROM pgmq.q_" + queue))
                        .longValue() == 0;
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    private void awaitCondition(String what, Probe probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!probe.holds()) {
            for (Process worker : workers.subList(1, workers.size())) {
                if (!worker.isAlive()) {
                    throw new AssertionError("a worker died: " + logs());
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + WAIT + ": " + what + "; " + logs());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(temporary)) {
            for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String content = Files.readString(log);
                text.append("\n--- ").append(log.getFileName()).append(" (last 3000 characters)\n")
                        .append(content.substring(Math.max(0, content.length() - 3_000)));
            }
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface Probe {
        boolean holds() throws Exception;
    }
}
