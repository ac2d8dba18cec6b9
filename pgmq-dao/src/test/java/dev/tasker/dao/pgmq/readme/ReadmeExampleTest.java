package dev.tasker.dao.pgmq.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.PgmqDaoTest;
import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import java.sql.Connection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
}
