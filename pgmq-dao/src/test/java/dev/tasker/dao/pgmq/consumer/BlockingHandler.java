package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A handler that signals that it began and then blocks until the test lets it {@link #finish()} (it then returns
 * normally) or it is interrupted (counted, then rethrown), for tests of long handlers and shutdown.
 */
final class BlockingHandler implements MessageHandler<JsonNode> {

    private final CountDownLatch started;
    private final CountDownLatch interrupted;
    private final CountDownLatch finish = new CountDownLatch(1);

    /** A handler for {@code expected} messages. */
    BlockingHandler(int expected) {
        this.started = new CountDownLatch(expected);
        this.interrupted = new CountDownLatch(expected);
    }

    @Override
    public void handle(Message<JsonNode> message) throws InterruptedException {
        started.countDown();
        try {
            finish.await();
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
    }

    /** Asserts that the expected number of handlers began within {@link ConsumerTestBase#TIMEOUT}. */
    void assertStarted() throws InterruptedException {
        assertThat(started.await(ConsumerTestBase.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    /** Asserts that every expected handler was interrupted within {@link ConsumerTestBase#TIMEOUT}. */
    void assertInterrupted() throws InterruptedException {
        assertThat(interrupted.await(ConsumerTestBase.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    /** Lets every handler return normally. */
    void finish() {
        finish.countDown();
    }
}
