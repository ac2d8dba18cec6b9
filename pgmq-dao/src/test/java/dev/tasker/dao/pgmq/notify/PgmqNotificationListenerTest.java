package dev.tasker.dao.pgmq.notify;

import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.pgmq.notify.NotificationEvent.BatchReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.MessageReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueCreated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueInsert;
import dev.tasker.dao.pgmq.notify.NotificationEvent.ReadyTruncated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.Unparsed;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each channel's payload arrives as its typed event (pgmq-api.md A.3.2-A.3.5, A.4, B.10); subscriptions change at
 * runtime; handler failures do not stop delivery.
 */
class PgmqNotificationListenerTest extends ListenerTest {

    @Test
    @DisplayName("pgmq_send_with_notify: MessageReady on the namespace and the global channel, fields as sent")
    void messageReadyOnBothChannels() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, worker.channel(), Channel.MESSAGE_READY);

        Instant before = databaseClock();
        long msgId = sendWithNotify(worker.name(), 3);
        Instant after = databaseClock();

        MessageReady onNamespace = handler.awaitReady(worker.name());
        MessageReady onGlobal = handler.awaitReady(worker.name());
        assertThat(onNamespace.channel()).isEqualTo(Channel.of("pgmq_message_ready." + worker.namespace()));
        assertThat(onGlobal.channel()).isEqualTo(Channel.MESSAGE_READY);
        assertThat(onNamespace.msgId()).isEqualTo(msgId);
        assertThat(onNamespace.namespace()).isEqualTo(worker.namespace());
        assertThat(onNamespace.delaySeconds()).isEqualTo(3);
        assertThat(onNamespace.readyAt()).hasValueSatisfying(
                readyAt -> assertThat(readyAt.toInstant()).isBetween(before, after));
        assertThat(onGlobal).isEqualTo(new MessageReady(Channel.MESSAGE_READY, worker.name(), worker.namespace(),
                msgId, onNamespace.readyAt(), 3));
    }

    @Test
    @DisplayName("pgmq_send_batch_with_notify: one BatchReady carrying the ids the SQL returned")
    void batchReadyCarriesTheIds() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, worker.channel());

        List<Long> ids = sendBatchWithNotify(worker.name(), 3, 0);
        long single = sendWithNotify(worker.name(), 0);

        BatchReady batch = handler.await(BatchReady.class, e -> e.queue().equals(worker.name()));
        assertThat(ids).hasSize(3);
        assertThat(batch.msgIds()).containsExactlyElementsOf(ids);
        assertThat(batch.messageCount()).isEqualTo(3);
        assertThat(batch.namespace()).isEqualTo(worker.namespace());
        assertThat(batch.delaySeconds()).isZero();
        assertThat(batch.readyAt()).isPresent();
        assertThat(handler.awaitReady(worker.name()).msgId()).isEqualTo(single);
        assertThat(handler.forQueue(worker.name())).as("one notification for the batch, one for the single send")
                .hasSize(2);
    }

    @Test
    @DisplayName("a batch payload over 7,800 bytes arrives as ReadyTruncated: no ids, message_count kept")
    void oversizedBatchArrivesTruncated() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, worker.channel(), Channel.MESSAGE_READY);

        List<Long> ids = sendBatchWithNotify(worker.name(), 2_000, 0); // the ids alone are about 8.9 kB of JSON

        ReadyTruncated truncated = handler.await(ReadyTruncated.class, e -> e.queue().equals(worker.name()));
        assertThat(ids).hasSize(2_000);
        assertThat(truncated.channel()).isEqualTo(worker.channel());
        assertThat(truncated.eventType()).isEqualTo("batch_ready");
        assertThat(truncated.namespace()).isEqualTo(worker.namespace());
        assertThat(truncated.messageCount()).isEqualTo(OptionalInt.of(2_000));
        assertThat(truncated.delaySeconds()).isZero();
        assertThat(handler.await(ReadyTruncated.class, e -> e.queue().equals(worker.name())).channel())
                .isEqualTo(Channel.MESSAGE_READY);
        assertThat(value("SELECT count(*) FROM pgmq.q_" + worker.name())).isEqualTo(2_000L);
    }

    @Test
    @DisplayName("pgmq.create: QueueCreated with queue, namespace and meta.created_at")
    void queueCreated() throws Exception {
        String namespace = uniqueNamespace();
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, Channel.QUEUE_CREATED);

        String queue = createWorkerQueue(namespace);

        QueueCreated created = handler.await(QueueCreated.class, e -> e.queue().equals(queue));
        assertThat(created.channel()).isEqualTo(Channel.QUEUE_CREATED);
        assertThat(created.namespace()).contains(namespace);
        Timestamp createdAt = (Timestamp) value("SELECT created_at FROM pgmq.meta WHERE queue_name = ?", queue);
        assertThat(created.createdAt()).hasValueSatisfying(
                at -> assertThat(at.toInstant()).isEqualTo(createdAt.toInstant()));
    }

    @Test
    @DisplayName("pgmq's native pgmq.q_<name>.INSERT arrives as QueueInsert (pgmq 1.7.0+)")
    void nativeInsertNotification() throws Exception {
        String queue = createWorkerQueue(uniqueNamespace());
        enableNotifyInsert(queue);
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, Channel.queueInsert(queue));

        sendWithNotify(queue, 0);

        QueueInsert insert = handler.await(QueueInsert.class, e -> e.queue().equals(queue));
        assertThat(insert.channel().name()).isEqualTo("pgmq.q_" + queue + ".INSERT");
    }

    @Test
    @DisplayName("unsubscribe at runtime stops delivery on that channel only; subscribe and unsubscribe report changes")
    void unsubscribeStopsDelivery() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        RecordingHandler handler = new RecordingHandler();
        Channel namespaceChannel = worker.channel();
        PgmqNotificationListener listener = startListening(handler, namespaceChannel, Channel.MESSAGE_READY);
        long first = sendWithNotify(worker.name(), 0);
        handler.await(MessageReady.class, e -> e.msgId() == first && e.channel().equals(namespaceChannel));

        assertThat(listener.unsubscribe(namespaceChannel)).isTrue();
        assertThat(listener.unsubscribe(namespaceChannel)).isFalse();
        assertThat(listener.channels()).containsExactly(Channel.MESSAGE_READY);
        long second = sendWithNotify(worker.name(), 0);

        // The namespace notification is sent before the global one, so it would have arrived first.
        handler.await(MessageReady.class, e -> e.msgId() == second && e.channel().equals(Channel.MESSAGE_READY));
        assertThat(handler.forQueue(worker.name())).filteredOn(e -> e.channel().equals(namespaceChannel))
                .extracting(e -> ((MessageReady) e).msgId()).containsExactly(first);

        assertThat(listener.subscribe(namespaceChannel)).isTrue();
        assertThat(listener.subscribe(namespaceChannel)).isFalse();
        long third = sendWithNotify(worker.name(), 0);
        assertThat(handler.await(MessageReady.class, e -> e.msgId() == third).channel()).isEqualTo(namespaceChannel);
    }

    @Test
    @DisplayName("subscriptions from many threads at once, while the listener waits, all take effect")
    void concurrentSubscriptions() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        PgmqNotificationListener listener = startListening(handler, Channel.QUEUE_CREATED);
        List<String> namespaces = IntStream.range(0, 12).mapToObj(i -> uniqueNamespace()).toList();

        List<Future<Boolean>> added;
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            added = namespaces.stream()
                    .map(namespace -> threads.submit(() -> listener.subscribe(Channel.messageReady(namespace))))
                    .toList();
        }

        for (Future<Boolean> result : added) {
            assertThat(result.get()).isTrue();
        }
        assertThat(listener.channels()).hasSize(1 + namespaces.size());
        Map<String, Long> sent = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            sent.put(namespace, sendWithNotify(createWorkerQueue(namespace), 0));
        }
        for (Map.Entry<String, Long> entry : sent.entrySet()) {
            assertThat(handler.await(MessageReady.class, e -> e.namespace().equals(entry.getKey())).msgId())
                    .isEqualTo(entry.getValue());
        }
    }

    @Test
    @DisplayName("a handler that throws does not stop later deliveries")
    void throwingHandlerDoesNotStopTheListener() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        RecordingHandler recorder = new RecordingHandler();
        NotificationHandler throwing = new NotificationHandler() {
            @Override
            public void onNotification(NotificationEvent event) {
                recorder.onNotification(event);
                throw new IllegalStateException("handler failure on " + event);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                recorder.onConnectionEvent(event);
                throw new IllegalStateException("handler failure on " + event);
            }
        };
        PgmqNotificationListener listener = listener(factory(), testConfig(), throwing);
        listener.subscribe(worker.channel());
        listener.start();
        recorder.await(ConnectionEvent.Connected.class);

        long first = sendWithNotify(worker.name(), 0);
        long second = sendWithNotify(worker.name(), 0);

        assertThat(recorder.awaitReady(worker.name()).msgId()).isEqualTo(first);
        assertThat(recorder.awaitReady(worker.name()).msgId()).isEqualTo(second);
        assertThat(listener.isRunning()).isTrue();
    }

    @Test
    @DisplayName("channel names are quoted (case, dots, quotes); payloads that are not known events arrive as Unparsed")
    void quotedChannelsAndUnparsedPayloads() throws Exception {
        Channel mixed = Channel.of("Tasker\"Mixed.Case " + uniqueNamespace());
        Channel lower = Channel.of(mixed.name().toLowerCase(java.util.Locale.ROOT));
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, mixed);

        rows("SELECT pg_notify(?, ?)", lower.name(), "{\"event_type\": \"message_ready\"}");
        rows("SELECT pg_notify(?, ?)", mixed.name(), "{\"event_type\": \"message_ready\", \"queue_name\": \"q\"}");
        rows("SELECT pg_notify(?, ?)", mixed.name(), "{\"event_type\": \"batch_ready\", \"msg_ids\": [1,2...}");
        rows("SELECT pg_notify(?, ?)", mixed.name(), "{\"event_type\": \"dlq_entry\"}");

        Unparsed missingKey = handler.await(Unparsed.class);
        assertThat(missingKey.channel()).isEqualTo(mixed);
        assertThat(missingKey.payload()).contains("\"queue_name\": \"q\"");
        assertThat(missingKey.reason()).isEqualTo("missing key 'namespace'");
        Unparsed cutOff = handler.await(Unparsed.class);
        assertThat(cutOff.payload()).endsWith("...}");
        assertThat(cutOff.reason()).startsWith("payload is not valid JSON");
        assertThat(handler.await(Unparsed.class).reason()).isEqualTo("unknown event_type 'dlq_entry'");
        assertThat(handler.history()).filteredOn(NotificationEvent.class::isInstance)
                .as("nothing from the lowercase channel").hasSize(3);
    }

    @Test
    @DisplayName("two listeners on the same channel both receive every notification")
    void twoListenersBothReceive() throws Exception {
        WorkerQueue worker = newWorkerQueue();
        RecordingHandler first = new RecordingHandler();
        RecordingHandler second = new RecordingHandler();
        startListening(first, worker.channel());
        startListening(second, worker.channel());

        long msgId = sendWithNotify(worker.name(), 0);

        assertThat(first.awaitReady(worker.name()).msgId()).isEqualTo(msgId);
        assertThat(second.awaitReady(worker.name()).msgId()).isEqualTo(msgId);
    }

    @Test
    @DisplayName("subscribe after close, start twice and a missing handler or factory are rejected clearly")
    void misuseIsRejected() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        PgmqNotificationListener listener = startListening(handler, Channel.QUEUE_CREATED);

        assertThatThrownBy(listener::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
        listener.close();
        assertThatThrownBy(() -> listener.subscribe(Channel.MESSAGE_READY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(() -> listener.unsubscribe(Channel.QUEUE_CREATED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(listener::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertRejectedNull(() -> new PgmqNotificationListener(factory(), testConfig(), null), "handler");
        assertRejectedNull(() -> new PgmqNotificationListener(null, testConfig(), handler), "connectionFactory");
        assertRejectedNull(() -> new PgmqNotificationListener(factory(), null, handler), "config");
        assertRejectedNull(() -> listener.subscribe(null), "channel");
        assertRejectedNull(() -> listener.unsubscribe(null), "channel");
    }

    @Test
    @DisplayName("namespaceOf agrees with the wrappers' extract_queue_namespace, and forQueue hears a queue's sends")
    void namespaceOfAQueue() throws Exception {
        for (String name : List.of("worker_rust_queue", "worker_a_b_queue", "orchestration_step_results",
                "payments_queue", "worker_queue", "worker__queue", "fulfillment_domain_events", "1abc_queue",
                "Mixed_Case_queue", "orchestration", "a.b_queue")) {
            assertThat(Channel.namespaceOf(name)).as(name)
                    .isEqualTo(value("SELECT extract_queue_namespace(?::text)", name));
        }
        WorkerQueue worker = newWorkerQueue();
        assertThat(Channel.forQueue(worker.name())).isEqualTo(worker.channel());
        RecordingHandler handler = new RecordingHandler();
        startListening(handler, Channel.forQueue(worker.name()));

        long msgId = sendWithNotify(worker.name(), 0);

        assertThat(handler.awaitReady(worker.name()).msgId()).isEqualTo(msgId);
    }

    private Instant databaseClock() throws SQLException {
        return ((Timestamp) value("SELECT clock_timestamp()")).toInstant();
    }
}
