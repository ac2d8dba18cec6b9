package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.await;
import static dev.tasker.it.IntegrationSupport.stepStates;
import static dev.tasker.it.IntegrationSupport.uniqueNamespace;
import static dev.tasker.it.IntegrationSupport.value;
import static dev.tasker.it.IntegrationSupport.workerQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PgmqException;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SuiteMode;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.PoolSettings;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Split mode with the PGMQ database down: the PGMQ pool reaches its database through a {@link TcpProxy}, which the
 * test stops (nothing listens on the port any more and every open connection is cut). Tasker operations carry on
 * on the tasker pool; only queue operations fail, each with a {@link PgmqException} naming what it was doing, after
 * the PGMQ pool's short acquire timeout. When the proxy listens again on the same port, the pool reconnects and
 * the queue, with the message sent before the outage, works as before.
 */
@EnabledIf(value = "dev.tasker.database.testing.SuiteMode#split",
        disabledReason = "only split mode has a PGMQ database of its own to lose")
class PgmqDatabaseDownTest extends IntegrationTest {

    /** How long a caller waits for a PGMQ connection before its operation fails. */
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(500);

    private TcpProxy proxy;

    @Override
    protected DatabaseSettings settings(ProvisionedDatabases provisioned) {
        DatabaseEndpoint real = provisioned.pgmq();
        proxy = new TcpProxy(real.host(), real.port());
        proxy.start();
        DatabaseEndpoint viaProxy = new DatabaseEndpoint(proxy.host(), proxy.port(), real.database(), real.user(),
                real.password(), real.parameters());
        PoolSettings quickToGiveUp = new PoolSettings(4, 1, ACQUIRE_TIMEOUT, Duration.ofSeconds(60),
                Duration.ofMinutes(30));
        return new DatabaseSettings(provisioned.tasker(), Optional.of(viaProxy), PoolSettings.TASKER_DEFAULTS,
                quickToGiveUp);
    }

    @Override
    protected void afterAll() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void onlyQueueOperationsFailWhileThePgmqDatabaseIsDownAndTheyWorkAgainAfterwards() throws SQLException {
        String namespace = uniqueNamespace();
        String queue = workerQueue(namespace);
        pgmq.queues().create(queue);
        long sentBefore = pgmq.sender().sendWithNotify(queue, Map.of("phase", "before"));
        assertThat(proxy.openConnections()).as("the PGMQ pool goes through the proxy").isPositive();

        proxy.stop();

        Diamond diamond = Diamond.create(tasker, namespace);
        StepWorker worker = new StepWorker(tasker, diamond);
        UUID task = diamond.taskUuid();
        worker.moveTask(task, TaskEvent.Signal.START, TaskState.INITIALIZING);
        assertThat(worker.readySteps(task)).containsExactly(diamond.step("a"));
        worker.moveTask(task, new TaskEvent.ReadyStepsFound(1), TaskState.ENQUEUING_STEPS);
        worker.enqueue(diamond.step("a"));

        assertQueueDown("send with notify to queue " + queue,
                () -> pgmq.sender().sendWithNotify(queue, Map.of("step", "a")));
        assertQueueDown("send to queue " + queue, () -> pgmq.sender().send(queue, Map.of("step", "a")));
        assertQueueDown("read from queue " + queue, () -> pgmq.reader().read(queue, 30, 1));
        assertQueueDown("read message " + sentBefore + " from queue " + queue,
                () -> pgmq.reader().readSpecific(queue, sentBefore, 30));
        assertQueueDown("delete message " + sentBefore + " of queue " + queue,
                () -> pgmq.settler().delete(queue, sentBefore));
        assertQueueDown("create queue " + queue + "_more", () -> pgmq.queues().create(queue + "_more"));
        assertQueueDown("metrics of queue " + queue, () -> pgmq.queues().metrics(queue));
        assertQueueDown("metrics of all queues", () -> new DlqOverviewService(pools).overview());

        worker.moveTask(task, new TaskEvent.StepsEnqueued(List.of(diamond.step("a"))), TaskState.STEPS_IN_PROCESS);
        worker.claimAndComplete(diamond.step("a"));
        assertThat(tasker.dlqMonitoring().dashboard()).as("the tasker-side dashboard still answers").isEmpty();
        assertThat(stepStates(taskerDb, diamond.step("a")))
                .containsExactly("enqueued", "in_progress", "enqueued_for_orchestration", "complete");
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + queue))
                .as("nothing reached the queue while it was down").isEqualTo(1L);

        proxy.start();

        await("the PGMQ pool to reach its database again",
                () -> reachable(() -> pgmq.queues().exists(queue)));
        Message<JsonNode> before = pgmq.reader().readSpecific(queue, sentBefore, 30).orElseThrow();
        assertThat(before.payload().get("phase").asText()).isEqualTo("before");
        long sentAfter = pgmq.sender().sendWithNotify(queue, Map.of("phase", "after"));
        assertThat(pgmq.settler().delete(queue, List.of(sentBefore, sentAfter))).containsExactly(sentBefore,
                sentAfter);
        assertThat(new DlqOverviewService(pools).overview().queue(queue)).contains(new QueueDepth(queue, 0, 0));
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + queue)).isEqualTo(0L);
    }

    /** {@code call} fails with a plain {@link PgmqException} naming {@code operation}, caused by the database. */
    private static void assertQueueDown(String operation, ThrowingCallable call) {
        assertThatThrownBy(call).as(operation)
                .isExactlyInstanceOf(PgmqException.class)
                .hasMessageStartingWith(operation + " failed: ")
                .hasCauseInstanceOf(DataAccessException.class);
    }

    /** The probe's answer while the PGMQ database answers it; empty while it still fails. */
    private static <T> Optional<T> reachable(Supplier<T> probe) {
        try {
            return Optional.of(probe.get());
        } catch (PgmqException down) {
            return Optional.empty();
        }
    }
}
