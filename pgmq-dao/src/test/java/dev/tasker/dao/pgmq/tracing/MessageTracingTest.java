package dev.tasker.dao.pgmq.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasker.dao.pgmq.Delay;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.PgmqDaoTest;
import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trace context hook: headers written on every kind of send, and handlers run inside the carried context. */
class MessageTracingTest extends PgmqDaoTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ThreadContextTracing tracing = new ThreadContextTracing();
    private PgmqClient client;
    private String queue;

    @BeforeAll
    void createQueue() throws SQLException {
        client = PgmqClient.using(dataSource).withTracing(tracing);
        queue = uniqueQueue("traced");
        execute("SELECT pgmq.create(?::text)", queue);
    }

    @Test
    void everyKindOfSendWritesTheContextIntoEachMessagesHeaders() throws Exception {
        List<Long> ids = new ArrayList<>();
        tracing.within("ctx-1", () -> {
            ids.add(client.sender().send(queue, Map.of("n", 1)));
            ids.addAll(client.sender().sendBatch(queue, List.of(Map.of("n", 2), Map.of("n", 3))));
            ids.add(client.sender().sendWithNotify(queue, Map.of("n", 4)));
            ids.addAll(client.sender().sendBatchWithNotify(queue, List.of(Map.of("n", 5), Map.of("n", 6))));
        });

        List<Map<String, Object>> headers = new ArrayList<>();
        for (long id : ids) {
            headers.add(json.readValue((String) value("SELECT headers::text FROM pgmq.q_" + queue
                    + " WHERE msg_id = ?", id), Map.class));
        }
        assertThat(headers).hasSize(6).allSatisfy(h -> assertThat(h).containsEntry("traceparent", "ctx-1"));
        assertThat(headers.stream().map(h -> h.get("x-seq")).distinct()).as("one entry set per message").hasSize(6);
    }

    @Test
    void callerHeadersKeepTheirEntriesAndWinOverTheHooks() throws Exception {
        long[] ids = new long[2];
        tracing.within("ctx-2", () -> {
            ids[0] = client.sender().send(queue, Map.of("n", 1), Delay.NONE,
                    Map.of("tenant", "acme", "traceparent", "callers"));
            ids[1] = client.sender().send(queue, Map.of("n", 2), Delay.NONE, List.of("not", "an", "object"));
        });

        assertThat(json.readValue((String) value("SELECT headers::text FROM pgmq.q_" + queue + " WHERE msg_id = ?",
                ids[0]), Map.class)).containsEntry("tenant", "acme").containsEntry("traceparent", "callers");
        assertThat(value("SELECT headers::text FROM pgmq.q_" + queue + " WHERE msg_id = ?", ids[1]))
                .isEqualTo("[\"not\", \"an\", \"object\"]");
    }

    @Test
    void withoutAContextOrWithoutTheHookNothingIsAdded() throws Exception {
        long untraced = client.sender().send(queue, Map.of("n", 1));
        long plain = PgmqClient.using(dataSource).sender().sendWithNotify(queue, Map.of("n", 2));

        assertThat(value("SELECT headers FROM pgmq.q_" + queue + " WHERE msg_id = ?", untraced)).isNull();
        assertThat(value("SELECT headers FROM pgmq.q_" + queue + " WHERE msg_id = ?", plain)).isNull();
        assertThat(PgmqClient.using(dataSource).tracing()).isSameAs(MessageTracing.NONE);
    }

    @Test
    void theConsumerRunsHandlersInTheContextOfTheirMessageAlsoWhenReadByIdAfterANotification() throws Exception {
        String consumed = uniqueQueue("traced_consumer");
        execute("SELECT pgmq.create(?::text)", consumed);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        ConsumerConfig config = ConsumerConfig.defaults(consumed).withName("traced-" + consumed)
                .withPollInterval(Duration.ofMinutes(10)); // after the first poll only notifications read
        ConnectionFactory connections = ConnectionFactory.of(pgmq().jdbcUrl(), emptyToNull(pgmq().user()),
                emptyToNull(pgmq().password()));
        try (PgmqConsumer<Map> consumer = PgmqConsumer.listening(client, Map.class, config,
                message -> seen.add(message.payload().get("n") + "@" + tracing.current()), connections,
                ListenerConfig.defaults().withApplicationName("traced-listener"))) {
            consumer.start();
            awaitListening(consumer);
            tracing.within("ctx-3", () -> client.sender().sendWithNotify(consumed, Map.of("n", 7)));
            assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("7@ctx-3");
            assertThat(consumer.stats().specificReads()).as("read by id after its notification").isEqualTo(1);
        }
    }

    private static void awaitListening(PgmqConsumer<?> consumer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!consumer.isListening() && System.nanoTime() < deadline) {
            Thread.sleep(10); // condition wait: the listener connects in the background
        }
        assertThat(consumer.isListening()).isTrue();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
