package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.PgmqClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Races between shutdown and the consumer's own threads, each made to happen by holding one of its queue operations
 * back ({@link GatedDataSource}) until {@code close()} runs.
 */
class ConsumerShutdownRaceTest extends ConsumerTestBase {

    record Numbered(int n) {
    }

    private String queue;
    private long id;
    private GatedDataSource gated;
    private BlockingHandler handler;

    @BeforeEach
    void oneMessageAndAGatedDataSource() throws SQLException {
        queue = newQueue();
        id = send(queue, "{}", 0);
        gated = new GatedDataSource(dataSource);
        handler = new BlockingHandler(1);
    }

    @Test
    @DisplayName("a heartbeat under way when close() releases a message does not hide that message again")
    void heartbeatUnderWayDoesNotUndoTheRelease() throws Exception {
        PgmqConsumer<JsonNode> consumer = blockingConsumer();
        consumer.start();
        handler.assertStarted();
        GatedDataSource.Gate heartbeat = gated.gateNext(thread -> thread.getName().endsWith("-heartbeat"));
        assertThat(heartbeat.awaitReached(TIMEOUT.toMillis())).isTrue();

        Thread closing = Thread.ofPlatform().start(consumer::close);
        Thread.sleep(300); // let close() get as far as it can while the heartbeat is held
        heartbeat.open();
        closing.join(TIMEOUT.toMillis());
        assertThat(heartbeat.awaitFinished(TIMEOUT.toMillis())).isTrue();

        assertThat(closing.isAlive()).isFalse();
        assertThat(vtOf(queue, id)).isBeforeOrEqualTo(databaseClock());
        assertThat(read(queue, 30, 10)).containsExactly(id);
        assertThat(consumer.stats().released()).isEqualTo(1);
    }

    @Test
    @DisplayName("a message whose read is under way when close() starts is released, not left hidden")
    void readUnderWayAtCloseIsReleased() throws Exception {
        GatedDataSource.Gate read = gated.gateNext(thread -> thread.getName().endsWith("-reader"));
        PgmqConsumer<JsonNode> consumer = blockingConsumer();
        consumer.start();
        assertThat(read.awaitReached(TIMEOUT.toMillis())).isTrue();

        Thread closing = Thread.ofPlatform().start(consumer::close);
        await("close() has begun", () -> !consumer.isRunning());
        read.open();
        closing.join(TIMEOUT.toMillis());

        assertThat(closing.isAlive()).isFalse();
        assertThat(value("SELECT read_ct FROM pgmq.q_" + queue + " WHERE msg_id = ?", id)).isEqualTo(1);
        assertThat(vtOf(queue, id)).isBeforeOrEqualTo(databaseClock());
        assertThat(consumer.stats()).extracting(ConsumerStats::released, ConsumerStats::inFlight)
                .containsExactly(1L, 0);
    }

    @Test
    @DisplayName("with one handler slot, a payload that does not map frees the slot: later messages are handled")
    void mappingFailureFreesItsSlot() throws Exception {
        long bad = send(queue, "{\"n\": \"seven\"}", 0);
        long good = send(queue, "{\"n\": 2}", 0);
        Recorder<Numbered> recorder = Recorder.plain();
        PgmqConsumer<Numbered> consumer = polling(Numbered.class, config(queue).withMaxConcurrency(1)
                .withOutcomes(SuccessAction.DELETE, FailureAction.ARCHIVE), recorder);

        consumer.start();
        await("all settled", () -> count(queue) == 0);

        assertThat(archived(queue)).containsExactly(bad);
        assertThat(recorder.handledIds()).containsExactlyInAnyOrder(id, good);
        await("counters", () -> consumer.stats().processed() == 2 && consumer.stats().failed() == 1
                && consumer.stats().inFlight() == 0);
    }

    /** A consumer of the queue on the gated data source with the blocking handler, 50 ms heartbeats, no grace. */
    private PgmqConsumer<JsonNode> blockingConsumer() {
        ConsumerConfig config = config(queue).withVisibilityTimeout(Duration.ofSeconds(30))
                .withHeartbeatInterval(Duration.ofMillis(50)).withShutdownGrace(Duration.ZERO);
        return track(PgmqConsumer.polling(PgmqClient.using(gated), JsonNode.class, config, handler));
    }
}
