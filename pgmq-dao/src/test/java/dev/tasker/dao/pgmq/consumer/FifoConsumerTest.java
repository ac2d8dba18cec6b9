package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PgmqClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReadMode#FIFO_GROUPS}: per group strictly in send order, one in flight per group, groups in parallel. */
class FifoConsumerTest extends ConsumerTestBase {

    /** One message of the load: group {@code g}, position {@code s} in its group. */
    record Step(int g, int s) {
    }

    private static final int GROUPS = 50;
    private static final int PER_GROUP = 200;
    private static final int CONSUMERS = 4;
    /** Bound for the whole load; it takes seconds. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(120);

    @BeforeEach
    void needsFifo() {
        Assumptions.assumeTrue(client.features().fifoReads(), "FIFO message groups need pgmq 1.9.0");
    }

    @Test
    void fourConsumersKeepFiftyGroupsInOrderWithOneMessageInFlightPerGroup() throws Exception {
        String queue = newQueue();
        sendInterleaved(queue, GROUPS, PER_GROUP);
        Tracker tracker = new Tracker(GROUPS * PER_GROUP);
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setDataSource(dataSource);
        poolConfig.setMaximumPoolSize(4 * CONSUMERS);
        poolConfig.setPoolName("fifo-consumers");

        try (HikariDataSource pool = new HikariDataSource(poolConfig)) {
            PgmqClient pooled = PgmqClient.using(pool);
            List<PgmqConsumer<Step>> consumers = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                consumers.add(track(PgmqConsumer.polling(pooled, Step.class, config(queue).withMaxConcurrency(100),
                        tracker::handle, ReadMode.FIFO_GROUPS)));
            }
            consumers.forEach(PgmqConsumer::start);

            assertThat(tracker.done.await(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("all %d messages handled; %d left", GROUPS * PER_GROUP, tracker.done.getCount()).isTrue();
            awaitCount(queue, 0);
            consumers.forEach(PgmqConsumer::close);
            assertThat(consumers).as("every consumer took groups: they ran in parallel")
                    .allSatisfy(consumer -> assertThat(consumer.stats().processed()).isPositive());
        }
        assertThat(tracker.violations.get()).as("times a group had two messages in flight").isZero();
        List<Integer> expected = IntStream.rangeClosed(1, PER_GROUP).boxed().toList();
        for (int g = 1; g <= GROUPS; g++) {
            assertThat(tracker.handled.get(g)).as("group %d in send order, each once", g).isEqualTo(expected);
        }
    }

    @Test
    void aFailedMessageHoldsBackTheRestOfItsGroupUntilItSucceeds() throws Exception {
        String queue = newQueue();
        sendInterleaved(queue, 2, 5);
        Map<Integer, List<Integer>> succeeded = new ConcurrentHashMap<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        CountDownLatch done = new CountDownLatch(10);
        ConsumerConfig config = config(queue).withVisibilityTimeout(Duration.ofSeconds(1));

        track(PgmqConsumer.polling(client, Step.class, config, message -> {
            Step step = message.payload();
            if (step.g() == 1 && step.s() == 2 && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("first attempt of 1/2 fails");
            }
            succeeded.computeIfAbsent(step.g(), g -> new ArrayList<>()).add(step.s());
            done.countDown();
        }, ReadMode.FIFO_GROUPS)).start();

        assertThat(done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(succeeded.get(1)).containsExactly(1, 2, 3, 4, 5);
        assertThat(succeeded.get(2)).containsExactly(1, 2, 3, 4, 5);
    }

    /** Sends {@code perGroup} messages for each of {@code groups} groups, interleaved: round s of every group. */
    private void sendInterleaved(String queue, int groups, int perGroup) throws SQLException {
        String order = " FROM generate_series(1, ?::integer) AS s, generate_series(1, ?::integer) AS g ORDER BY s, g";
        execute("SELECT count(*) FROM pgmq.send_batch(?::text,"
                + " ARRAY(SELECT jsonb_build_object('g', g, 's', s)" + order + "),"
                + " ARRAY(SELECT jsonb_build_object('x-pgmq-group', 'group-' || g)" + order + "))",
                queue, perGroup, groups, perGroup, groups);
    }

    private void awaitCount(String queue, long expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (((Number) value("SELECT count(*) FROM pgmq.q_" + queue)).longValue() != expected
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(((Number) value("SELECT count(*) FROM pgmq.q_" + queue)).longValue()).isEqualTo(expected);
    }

    /** Records, per group, the order of handling and whether two of its messages were ever in flight at once. */
    private static final class Tracker {
        final Map<Integer, List<Integer>> handled = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        final AtomicInteger violations = new AtomicInteger();
        final CountDownLatch done;

        Tracker(int messages) {
            done = new CountDownLatch(messages);
        }

        void handle(Message<Step> message) {
            Step step = message.payload();
            AtomicInteger group = inFlight.computeIfAbsent(step.g(), g -> new AtomicInteger());
            if (group.incrementAndGet() > 1) {
                violations.incrementAndGet();
            }
            try {
                handled.computeIfAbsent(step.g(), g -> Collections.synchronizedList(new ArrayList<>())).add(step.s());
            } finally {
                group.decrementAndGet();
                done.countDown();
            }
        }
    }
}
