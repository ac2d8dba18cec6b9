package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QueueTopics}: bindings, routing, sends and batch sends by routing key, validation and the version gate. */
class QueueTopicsTest extends ClientTestBase {

    /** A routing-key root unique to the test, so bindings of other tests and runs never match. */
    private String root;

    @BeforeEach
    void needsTopics() {
        Assumptions.assumeTrue(client.features().topics(), "topics need pgmq 1.11.0");
        root = uniqueQueue("rk").replace("_", "-");
    }

    @Test
    void sendRoutesToEveryMatchingQueueOnce() throws SQLException {
        String orders = newQueue("orders");
        String audit = newQueue("audit");
        QueueTopics topics = client.topics();
        topics.bind(root + ".orders.*", orders);
        topics.bind(root + ".#", audit);
        topics.bind(root + ".orders.created", audit);

        assertThat(topics.send(root + ".orders.created", Map.of("id", 7))).isEqualTo(2);
        assertThat(topics.send(root + ".payments.failed", Map.of("id", 8), 0, Map.of("trace", "t1"))).isEqualTo(1);
        assertThat(topics.send(root + "x.nothing", Map.of())).isZero();

        assertThat(count(orders)).isEqualTo(1);
        assertThat(queueRows(audit)).extracting(row -> row.get("headers"))
                .containsExactly(null, "{\"trace\": \"t1\"}");
    }

    @Test
    void sendBatchSaysWhereEachMessageWent() throws SQLException {
        String base = uniqueQueue("batch");
        String a = base + "_a";
        String b = base + "_b";
        execute("SELECT pgmq.create(?::text)", b);
        execute("SELECT pgmq.create(?::text)", a);
        client.topics().bind(root + ".*", a);
        client.topics().bind(root + ".x", b);

        List<RoutedMessage> routed = client.topics().sendBatch(root + ".x", List.of(Map.of("n", 1), Map.of("n", 2)),
                Delay.until(Instant.now().minusSeconds(1)), List.of(Map.of("h", 1), Map.of("h", 2)));

        assertThat(routed).extracting(RoutedMessage::queueName).containsExactly(a, a, b, b);
        assertThat(client.reader().read(a, 30, 10)).extracting(Message::msgId)
                .containsExactly(routed.get(0).msgId(), routed.get(1).msgId());
        assertThat(queueRows(b)).extracting(row -> row.get("message"))
                .containsExactly("{\"n\": 1}", "{\"n\": 2}");
    }

    @Test
    void testRoutingAndBindingsDescribeTheRoutesWithoutSending() throws SQLException {
        String queue = newQueue("routes");
        QueueTopics topics = client.topics();
        topics.bind(root + ".*.error", queue);
        topics.bind(root + ".db.#", queue);

        assertThat(topics.testRouting(root + ".db.error")).extracting(TopicRoute::queueName)
                .containsExactly(queue, queue);
        assertThat(topics.testRouting(root + ".api.error")).extracting(TopicRoute::pattern)
                .containsExactly(root + ".*.error");
        assertThat(topics.bindings(queue)).extracting(TopicBinding::pattern)
                .containsExactlyInAnyOrder(root + ".*.error", root + ".db.#");
        assertThat(topics.bindings()).extracting(TopicBinding::queueName).contains(queue);
        assertThat(count(queue)).isZero();

        assertThat(topics.unbind(root + ".db.#", queue)).isTrue();
        assertThat(topics.unbind(root + ".db.#", queue)).isFalse();
        assertThat(topics.bindings(queue)).extracting(TopicBinding::pattern).containsExactly(root + ".*.error");
    }

    @Test
    void badKeysPatternsAndQueuesAreRefusedBeforeAnyRoundTrip() {
        QueueTopics topics = unreachableTopics();

        assertThatThrownBy(() -> topics.send("bad..key", Map.of())).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("routing_key: routing_key cannot contain consecutive dots. Got: bad..key");
        assertThatThrownBy(() -> topics.bind("logs.**", "q")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("pattern cannot contain consecutive stars (**)");
        assertThatThrownBy(() -> topics.send("logs.error", Map.of(), -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("delay cannot be negative, got: -1");
        assertThatThrownBy(() -> topics.sendBatch("logs", List.of())).isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("msgs cannot be NULL or empty");
        assertThatThrownBy(() -> topics.bind("logs.*", "a;b")).isInstanceOf(InvalidQueueNameException.class);
        assertThatThrownBy(() -> topics.testRouting("logs.*")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("routing_key contains invalid characters");
    }

    @Test
    void bindingAMissingQueueIsReportedWithPgmqsText() {
        String missing = uniqueQueue("missing");

        assertThatThrownBy(() -> client.topics().bind(root + ".*", missing)).isInstanceOf(PgmqException.class)
                .hasMessageContaining("Queue \"" + missing + "\" does not exist");
    }

    @Test
    void olderPgmqGetsUnsupportedFeatureBeforeAnythingIsSent() throws SQLException {
        String queue = newQueue("old_topics");
        PgmqClient old = client.withFeatures(new PgmqFeatures(Optional.of("1.10.1"), true, true, true, true, true,
                false));

        assertThatThrownBy(() -> old.topics().bind(root + ".*", queue)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessage("topics needs pgmq 1.11.0 or later; the installed pgmq does not offer it");
        assertThatThrownBy(() -> old.topics().send(root + ".x", Map.of()))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> old.topics().sendBatch(root + ".x", List.of(Map.of())))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThat(client.topics().bindings(queue)).isEmpty();
    }

    private static QueueTopics unreachableTopics() {
        try {
            return unreachableClient().withFeatures(new PgmqFeatures(Optional.of("1.11.0"), true, true, true, true,
                    true, true)).topics();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
