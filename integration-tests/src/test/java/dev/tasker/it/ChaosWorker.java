package dev.tasker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The consumer process of {@link ConsumerChaosTest}, run in a JVM of its own: a listening {@link PgmqConsumer} with
 * the default configuration except a 2 s visibility timeout, 4 handler slots and 200 ms polling. Each handler
 * simulates {@value #WORK_MILLIS} ms of work, then appends the message id as a line to the output file with an
 * unbuffered write (in the operating system's hands before the handler returns, so it survives a SIGKILL) and
 * returns; the message is deleted after that. Runs until it is killed or terminated (SIGTERM closes the consumer).
 *
 * <p>Arguments: JDBC URL, user, password ({@code -} for none), queue, output file.
 */
public final class ChaosWorker {

    /** Simulated work per message. */
    static final int WORK_MILLIS = 20;

    private ChaosWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = "-".equals(args[2]) ? null : args[2];
        String queue = args[3];
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setJdbcUrl(url);
        poolConfig.setUsername(user);
        poolConfig.setPassword(password);
        poolConfig.setMaximumPoolSize(6);
        poolConfig.setConnectionTimeout(1_000); // fail fast while the server is down; the consumer retries
        poolConfig.setInitializationFailTimeout(-1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (OutputStream handled = new FileOutputStream(args[4], true);
             HikariDataSource pool = new HikariDataSource(poolConfig)) {
            ConsumerConfig config = ConsumerConfig.defaults(queue).withName("chaos-" + ProcessHandle.current().pid())
                    .withVisibilityTimeout(Duration.ofSeconds(2)).withMaxConcurrency(4)
                    .withPollInterval(Duration.ofMillis(200));
            PgmqConsumer<JsonNode> consumer = PgmqConsumer.listening(PgmqClient.using(pool), JsonNode.class, config,
                    message -> {
                        TimeUnit.MILLISECONDS.sleep(WORK_MILLIS); // simulated work
                        record(handled, message.msgId());
                    }, ConnectionFactory.of(url, user, password), ListenerConfig.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                consumer.close();
                stopped.countDown();
            }));
            consumer.start();
            System.out.println("started " + config.name());
            stopped.await();
        }
    }

    private static synchronized void record(OutputStream handled, long msgId) throws IOException {
        handled.write((msgId + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
