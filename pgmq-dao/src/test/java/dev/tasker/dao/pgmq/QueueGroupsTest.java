package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QueueGroups}: FIFO grouped reads, round robin, polling, FIFO indexes and the version gate. */
class QueueGroupsTest extends ClientTestBase {

    record Step(String order, int seq) {
    }

    private String first;
    private String second;

    @BeforeEach
    void needsFifo() {
        Assumptions.assumeTrue(client.features().fifoReads(), "FIFO message groups need pgmq 1.9.0");
        String prefix = uniqueQueue("grp");
        first = prefix + "_1";
        second = prefix + "_2";
    }

    @Test
    void readGroupedKeepsEachGroupInOrderAndWaitsForItsInFlightHead() throws SQLException {
        String queue = newQueue("fifo");
        QueueGroups<Step> groups = client.groups(Step.class);
        long a1 = sendStep(queue, first, 1);
        long b1 = sendStep(queue, second, 1);
        long a2 = sendStep(queue, first, 2);

        List<Message<Step>> batch = groups.readGrouped(queue, 30, 2);

        assertThat(batch).extracting(Message::msgId).containsExactly(a1, a2);
        assertThat(batch).extracting(Message::payload).containsExactly(new Step(first, 1), new Step(first, 2));
        assertThat(batch).extracting(QueueGroups::groupOf).containsOnly(first);
        assertThat(groups.readGrouped(queue, 30, 10)).extracting(Message::msgId).containsExactly(b1);
        assertThat(groups.readGrouped(queue, 30, 10)).as("everything is in flight").isEmpty();
    }

    @Test
    void readRoundRobinTakesOneMessagePerGroupPerLayer() throws SQLException {
        String queue = newQueue("rr");
        long a1 = sendStep(queue, first, 1);
        long a2 = sendStep(queue, first, 2);
        long b1 = sendStep(queue, second, 1);
        long plain = client.sender().send(queue, Map.of("order", "none", "seq", 0));

        List<Message<JsonNode>> batch = client.groups().readRoundRobin(queue, 30, 4);

        assertThat(batch).extracting(Message::msgId).containsExactly(a1, b1, plain, a2);
        assertThat(QueueGroups.groupOf(batch.get(2))).isEqualTo(QueueGroups.DEFAULT_GROUP);
        assertThat(batch).allSatisfy(message -> assertThat(message.readCount()).isEqualTo(1));
    }

    @Test
    void pollingReadsReturnWhatBecomesVisible() throws SQLException {
        String queue = newQueue("poll");
        long delayed = client.sender().send(queue, new Step(first, 1), Delay.seconds(1),
                QueueGroups.groupHeader(first));

        assertThat(client.groups(Step.class).readGroupedWithPoll(queue, 30, 5, 10, 50)).extracting(Message::msgId)
                .containsExactly(delayed);
        client.settler().setVt(queue, delayed, 0);
        assertThat(client.groups(Step.class).readRoundRobinWithPoll(queue, 30, 5, 10, 50))
                .extracting(Message::msgId).containsExactly(delayed);
    }

    @Test
    void createIndexAddsTheFifoIndex() throws SQLException {
        String queue = newQueue("idx");

        client.groups().createIndex(queue);
        client.groups().createIndexesForAllQueues();

        assertThat(value("SELECT count(*) FROM pg_indexes WHERE schemaname = 'pgmq' AND indexname = ?",
                "q_" + queue + "_fifo_idx")).isEqualTo(1L);
    }

    @Test
    void badArgumentsAndMissingQueuesAreReportedClearly() {
        QueueGroups<JsonNode> groups = client.groups();

        assertThatThrownBy(() -> groups.readGrouped("ok_queue", 30, -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("qty");
        assertThatThrownBy(() -> groups.readRoundRobinWithPoll("ok_queue", 30, 1, 1, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pollIntervalMs");
        assertThatThrownBy(() -> groups.readGrouped("bad;name", 30, 1)).isInstanceOf(InvalidQueueNameException.class);
        String missing = uniqueQueue("missing");
        assertThatThrownBy(() -> groups.readRoundRobin(missing, 30, 1)).isInstanceOf(QueueNotFoundException.class);
    }

    @Test
    void olderPgmqGetsUnsupportedFeatureBeforeAnythingIsRead() throws SQLException {
        String queue = newQueue("old_fifo");
        long id = sendStep(queue, first, 1);
        PgmqClient old = client.withFeatures(new PgmqFeatures(Optional.of("1.8.1"), true, true, true, false));

        assertThatThrownBy(() -> old.groups().readGrouped(queue, 30, 1))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessage("FIFO message groups needs pgmq 1.9.0 or later; the installed pgmq does not offer it");
        assertThatThrownBy(() -> old.groups().readRoundRobin(queue, 30, 1))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> old.groups().createIndex(queue)).isInstanceOf(UnsupportedFeatureException.class);
        assertThat(value("SELECT read_ct FROM pgmq.q_" + queue + " WHERE msg_id = ?", id)).isEqualTo(0);
    }

    private long sendStep(String queue, String group, int seq) {
        return client.sender().send(queue, new Step(group, seq), Delay.NONE, QueueGroups.groupHeader(group));
    }
}
