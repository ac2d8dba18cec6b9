package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.PgmqClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Batch acknowledgement and reading ahead: fewer round trips, the same delivery guarantees. */
class ConsumerBatchingTest extends ConsumerTestBase {

    @Test
    @DisplayName("messages handled while a delete is under way are deleted together by the next statement")
    void successesDeletedInBatches() throws Exception {
        String queue = newQueue();
        List<Long> ids = sendBatch(queue, 10);
        StatementCounter deletes = new StatementCounter("pgmq.delete(");
        GatedDataSource gated = new GatedDataSource(deletes.wrap(dataSource));
        GatedDataSource.Gate firstDelete = gated.gateNext(thread -> thread.getName().endsWith("-acknowledger"));
        Recorder<JsonNode> recorder = Recorder.plain();
        PgmqConsumer<JsonNode> consumer = track(PgmqConsumer.polling(PgmqClient.using(gated), JsonNode.class,
                config(queue), recorder));

        consumer.start();
        assertThat(firstDelete.awaitReached(TIMEOUT.toMillis())).isTrue();
        await("all ten handlers returned", () -> recorder.handled().size() == 10);
        assertThat(count(queue)).as("nothing deleted while the first delete is held").isEqualTo(10);
        firstDelete.open();
        await("all ten settled", () -> consumer.stats().processed() == 10);

        assertThat(deletes.count()).as("delete statements for ten messages").isBetween(1, 2);
        assertThat(recorder.handledIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("each batch read fetches at least maxConcurrency messages while the queue has them")
    void readsFetchAtLeastTheSlots() throws Exception {
        String queue = newQueue();
        sendBatch(queue, 300);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue).withMaxConcurrency(10),
                Recorder.plain());

        consumer.start();
        await("300 handled", () -> consumer.stats().processed() == 300);

        assertThat(consumer.stats().batchReads()).isLessThanOrEqualTo(31);
        assertThat(count(queue)).isZero();
    }

    @Test
    @DisplayName("messages read ahead of a free slot are released at close, readable at once")
    void readAheadReleasedAtClose() throws Exception {
        String queue = newQueue();
        List<Long> ids = sendBatch(queue, 3);
        BlockingHandler handler = new BlockingHandler(1);
        PgmqConsumer<JsonNode> consumer = polling(JsonNode.class, config(queue).withMaxConcurrency(1)
                .withShutdownGrace(Duration.ZERO), handler);

        consumer.start();
        handler.assertStarted();
        await("one running, one read ahead", () -> consumer.stats().inFlight() == 2);
        consumer.close();

        handler.assertInterrupted();
        assertThat(consumer.stats().released()).isEqualTo(2);
        assertThat(read(queue, 30, 10)).containsExactlyElementsOf(ids);
    }
}
