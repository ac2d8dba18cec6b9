package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.listen;
import static dev.tasker.it.IntegrationSupport.rows;
import static dev.tasker.it.IntegrationSupport.stepStates;
import static dev.tasker.it.IntegrationSupport.strings;
import static dev.tasker.it.IntegrationSupport.uniqueNamespace;
import static dev.tasker.it.IntegrationSupport.value;
import static dev.tasker.it.IntegrationSupport.workerQueue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.notify.Channel;
import dev.tasker.dao.pgmq.notify.NotificationEvent;
import dev.tasker.dao.pgmq.notify.PgmqNotificationListener;
import dev.tasker.dao.tasker.readiness.ExecutionStatus;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cross-database flow of the orchestrator: the task and its diamond DAG live in the tasker database (tasker-dao
 * on the tasker pool); every ready step travels as a message with notify through a worker queue in the PGMQ
 * database (pgmq-dao on the PGMQ pool); a worker listening on the PGMQ database hears the notification, reads that
 * very message, runs the step through its transitions in the tasker database and deletes the message. No
 * statement spans the two databases.
 */
class CrossDatabaseFlowTest extends IntegrationTest {

    /** How long a read message stays hidden from other readers. */
    private static final int VISIBILITY_SECONDS = 30;

    private final List<Long> sent = new ArrayList<>();
    private final List<Long> read = new ArrayList<>();
    private final List<Long> deleted = new ArrayList<>();

    @Test
    void aDiamondRunsToCompletionThroughTheWorkerQueue() throws SQLException {
        String namespace = uniqueNamespace();
        String queue = workerQueue(namespace);
        Diamond diamond = Diamond.create(tasker, namespace);
        StepWorker worker = new StepWorker(tasker, diamond);
        assertThat(pgmq.queues().create(queue)).isTrue();
        ReadyNotifications notifications = new ReadyNotifications();

        List<Set<String>> rounds;
        try (PgmqNotificationListener listener = listen(pools.settings().pgmq(), Channel.forQueue(queue),
                notifications)) {
            rounds = runToCompletion(diamond, worker, queue, notifications);
        }

        assertThat(rounds).as("steps enqueued per round").containsExactly(Set.of("a"), Set.of("b", "c"), Set.of("d"));
        assertTaskComplete(diamond);
        assertEveryMessageConsumedOnce(queue, notifications);
    }

    /** Orchestration rounds until the task is complete; the names of the steps enqueued in each round. */
    private List<Set<String>> runToCompletion(Diamond diamond, StepWorker worker, String queue,
            ReadyNotifications notifications) {
        UUID task = diamond.taskUuid();
        List<Set<String>> rounds = new ArrayList<>();
        worker.moveTask(task, TaskEvent.Signal.START, TaskState.INITIALIZING);
        while (rounds.size() < Diamond.STEP_NAMES.size()) {
            List<UUID> ready = worker.readySteps(task);
            assertThat(ready).as("ready steps in round %d", rounds.size() + 1).isNotEmpty();
            worker.moveTask(task, new TaskEvent.ReadyStepsFound(ready.size()), TaskState.ENQUEUING_STEPS);
            Map<Long, UUID> messages = new HashMap<>();
            for (UUID step : ready) {
                worker.enqueue(step);
                long msgId = pgmq.sender().sendWithNotify(queue,
                        new StepMessage(task, step, diamond.nameOf(step)));
                sent.add(msgId);
                messages.put(msgId, step);
            }
            worker.moveTask(task, new TaskEvent.StepsEnqueued(ready), TaskState.STEPS_IN_PROCESS);
            UUID last = null;
            for (int i = 0; i < ready.size(); i++) {
                last = work(worker, queue, notifications.next(), messages);
            }
            rounds.add(ready.stream().map(diamond::nameOf).collect(Collectors.toSet()));
            if (tasker.executionContexts().forTask(task).orElseThrow().executionStatus()
                    == ExecutionStatus.ALL_COMPLETE) {
                worker.moveTask(task, TaskEvent.Signal.ALL_STEPS_COMPLETED, TaskState.EVALUATING_RESULTS);
                worker.moveTask(task, TaskEvent.Signal.ALL_STEPS_SUCCESSFUL, TaskState.COMPLETE);
                return rounds;
            }
            worker.moveTask(task, new TaskEvent.StepCompleted(last), TaskState.EVALUATING_RESULTS);
        }
        throw new AssertionError("the task did not complete in " + rounds.size() + " rounds: " + rounds);
    }

    /**
     * The worker's reaction to one notification: read the notified message, run its step, delete the message.
     * Returns the step.
     */
    private UUID work(StepWorker worker, String queue, NotificationEvent.MessageReady ready,
            Map<Long, UUID> expected) {
        assertThat(ready.queue()).isEqualTo(queue);
        assertThat(expected).as("notified message %d is one of this round's", ready.msgId())
                .containsKey(ready.msgId());
        Message<StepMessage> message = pgmq.reader(StepMessage.class)
                .readSpecific(queue, ready.msgId(), VISIBILITY_SECONDS)
                .orElseThrow(() -> new AssertionError("message " + ready.msgId() + " was not readable"));
        read.add(message.msgId());
        assertThat(message.readCount()).as("read for the first time").isEqualTo(1);
        assertThat(pgmq.reader(StepMessage.class).readSpecific(queue, ready.msgId(), VISIBILITY_SECONDS))
                .as("hidden from every other reader while the worker has it").isEmpty();
        UUID step = message.payload().stepUuid();
        assertThat(step).isEqualTo(expected.get(message.msgId()));
        worker.claimAndComplete(step);
        assertThat(pgmq.settler().delete(queue, message.msgId())).isTrue();
        deleted.add(message.msgId());
        return step;
    }

    private void assertTaskComplete(Diamond diamond) throws SQLException {
        UUID task = diamond.taskUuid();
        assertThat(value(taskerDb, "SELECT complete FROM tasker_tasks WHERE task_uuid = ?", task)).isEqualTo(true);
        assertThat(strings(taskerDb, "SELECT to_state FROM tasker_task_transitions WHERE task_uuid = ?"
                + " ORDER BY sort_key", task)).containsExactlyElementsOf(databaseValues(
                TaskState.INITIALIZING, TaskState.ENQUEUING_STEPS, TaskState.STEPS_IN_PROCESS,
                TaskState.EVALUATING_RESULTS, TaskState.ENQUEUING_STEPS, TaskState.STEPS_IN_PROCESS,
                TaskState.EVALUATING_RESULTS, TaskState.ENQUEUING_STEPS, TaskState.STEPS_IN_PROCESS,
                TaskState.EVALUATING_RESULTS, TaskState.COMPLETE));
        for (String name : Diamond.STEP_NAMES) {
            UUID step = diamond.step(name);
            assertThat(stepStates(taskerDb, step)).as("transitions of step %s", name)
                    .containsExactly(StepState.ENQUEUED.databaseValue(), StepState.IN_PROGRESS.databaseValue(),
                            StepState.ENQUEUED_FOR_ORCHESTRATION.databaseValue(), StepState.COMPLETE.databaseValue());
            assertThat(rows(taskerDb, "SELECT attempts, processed, in_process FROM tasker_workflow_steps"
                    + " WHERE workflow_step_uuid = ?", step)).as("step %s", name).singleElement()
                    .isEqualTo(Map.of("attempts", 1, "processed", true, "in_process", false));
        }
    }

    private void assertEveryMessageConsumedOnce(String queue, ReadyNotifications notifications)
            throws SQLException {
        assertThat(sent).as("one message per step").hasSize(Diamond.STEP_NAMES.size()).doesNotHaveDuplicates();
        assertThat(notifications.received()).extracting(NotificationEvent.MessageReady::msgId)
                .as("one notification per message").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(read).as("each message read once").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(deleted).as("each message deleted once").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + queue)).as("queue empty").isEqualTo(0L);
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.a_" + queue)).as("nothing archived").isEqualTo(0L);
        assertThat(value(pgmqDb, "SELECT total_messages FROM pgmq.metrics(?)", queue)).isEqualTo(4L);
        assertThat(value(taskerDb, "SELECT to_regclass(?) IS NOT NULL", "pgmq.q_" + queue))
                .as("the queue lives in the tasker database too only in single mode").isEqualTo(!split());
    }

    private static List<String> databaseValues(TaskState... states) {
        return Arrays.stream(states).map(TaskState::databaseValue).toList();
    }
}
