package dev.tasker.dao.pgmq.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.PgmqDaoTest;
import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.DeadLetterReplay;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.consumer.RetryBackoff;
import dev.tasker.dao.pgmq.consumer.RetryPolicy;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The pgmq-dao usage example of the README, compiled and run so that it is known to work. */
class ReadmeExampleTest extends PgmqDaoTest {

    /** The example's payload type. */
    record OrderReady(long orderId) {
    }

    @Test
    void theReadmeExampleDeliversTheCommittedMessageOnly() throws Exception {
        String queue = uniqueQueue("orders");
        BlockingQueue<OrderReady> shipped = new LinkedBlockingQueue<>();
        DataSource pgmqDataSource = dataSource;
        String jdbcUrl = pgmq().jdbcUrl();
        String user = pgmq().user();
        String password = pgmq().password().isEmpty() ? null : pgmq().password();

        // README example: begin
        PgmqClient pgmq = PgmqClient.using(pgmqDataSource);
        pgmq.queues().create(queue);                                   // idempotent, safe when callers race

        try (Connection connection = pgmqDataSource.getConnection()) { // transactional outbox
            connection.setAutoCommit(false);
            PgmqClient.using(connection).sender().sendWithNotify(queue, new OrderReady(41));
            connection.rollback();                                     // never delivered
            PgmqClient.using(connection).sender().sendWithNotify(queue, new OrderReady(42));
            connection.commit();                                       // delivered
        }

        ConsumerConfig config = ConsumerConfig.defaults(queue);        // vt 30 s, 10 handlers, delete on success
        try (PgmqConsumer<OrderReady> consumer = PgmqConsumer.listening(pgmq, OrderReady.class, config,
                message -> shipped.add(message.payload()),             // runs on a virtual thread
                ConnectionFactory.of(jdbcUrl, user, password),         // dedicated LISTEN connection, not pooled
                ListenerConfig.defaults())) {
            consumer.start();
            assertThat(shipped.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderReady(42));
        }
        // README example: end

        assertThat(shipped).as("the rolled-back message never arrives").isEmpty();
        assertThat(value("SELECT count(*) FROM pgmq.q_" + queue)).as("handled messages are deleted").isEqualTo(0L);
    }

    @Test
    void theReadmeRetryExampleDeadLettersAndReplays() throws Exception {
        String queue = uniqueQueue("orders");
        PgmqClient pgmq = PgmqClient.using(dataSource);
        pgmq.queues().create(queue);
        pgmq.sender().send(queue, new OrderReady(-1));
        BlockingQueue<OrderReady> shipped = new LinkedBlockingQueue<>();
        AtomicBoolean fixed = new AtomicBoolean();

        // README retry example: begin
        ConsumerConfig config = ConsumerConfig.defaults(queue)           // dead letters go to <queue>_dlq
                .withRetry(RetryPolicy.defaults()                         // 5 attempts, 1 s doubling up to 60 s
                        .withMaxAttempts(3)
                        .withBackoff(RetryBackoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.2))
                        .withNonRetryable(IllegalArgumentException.class)) // dead-lettered at the first failure
                .withHandlerTimeout(Duration.ofMinutes(2));               // then interrupted, counted as failed
        try (PgmqConsumer<OrderReady> consumer = PgmqConsumer.polling(pgmq, OrderReady.class, config, message -> {
            if (message.payload().orderId() < 0 && !fixed.get()) {
                throw new IllegalArgumentException("no order " + message.payload().orderId());
            }
            shipped.add(message.payload());
        })) {
            consumer.start();
            awaitDeadLettered(consumer);                                   // consumer.stats().deadLettered() == 1
        }
        fixed.set(true);                                                   // the bug is fixed: send them back
        DeadLetterReplay.Result result = DeadLetterReplay.using(pgmq).replay(queue + "_dlq", 1_000);
        // README retry example: end

        assertThat(result.replayed()).hasSize(1);
        assertThat(result.skipped()).isEmpty();
        try (PgmqConsumer<OrderReady> consumer = PgmqConsumer.polling(pgmq, OrderReady.class, config,
                message -> shipped.add(message.payload()))) {
            consumer.start();
            assertThat(shipped.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderReady(-1));
        }
    }

    private static void awaitDeadLettered(PgmqConsumer<?> consumer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.stats().deadLettered() < 1) {
            assertThat(System.nanoTime()).as("dead-lettered within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
