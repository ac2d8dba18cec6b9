package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.tasker.lifecycle.EnqueuedStep;
import dev.tasker.dao.tasker.lifecycle.TaskAdvance;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.templates.RegisteredTemplate;
import dev.tasker.dao.tasker.templates.WorkflowTemplate;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import dev.tasker.database.DatabaseEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Many orchestrators and workers at once on the lifecycle calls: 8 orchestrator threads advance 200 diamond tasks
 * (every task is put in their inbox twice, so orchestrators regularly advance the same task at the same time) and
 * send the enqueued steps with notify to one worker queue, which 4 listening {@link PgmqConsumer}s drain through
 * {@code StepLifecycle}. Every task completes exactly once, every step is processed exactly once, and no call fails
 * (no illegal transition, no lost race leaking out). Split mode only: the calls are the same in single mode (see
 * {@link OrchestrationReadmeExampleTest}), and the suite's time is better spent once. The deadline is a bound for a
 * loaded machine; the run prints how long it took.
 */
@EnabledIf(value = "dev.tasker.database.testing.SuiteMode#split",
        disabledReason = "the lifecycle calls are the same in single mode; run once, in the production layout")
class ConcurrentOrchestrationScenarioTest extends IntegrationTest {

    private static final int TASKS = 200;
    private static final int ORCHESTRATORS = 8;
    private static final int CONSUMERS = 4;
    private static final int HANDLERS_PER_CONSUMER = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final JSONB DONE = JSONB.valueOf("{\"success\": true}");

    private final BlockingQueue<UUID> inbox = new LinkedBlockingQueue<>();
    private final Map<UUID, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger advances = new AtomicInteger();
    private final AtomicInteger changedAdvances = new AtomicInteger();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch allComplete = new CountDownLatch(TASKS);
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void twoHundredDiamondsCompleteOnceWithEveryStepProcessedOnce() throws Exception {
        String namespaceName = IntegrationSupport.uniqueNamespace();
        String queue = IntegrationSupport.workerQueue(namespaceName);
        UUID namespace = tasker.namespaces().findOrCreate(namespaceName, "concurrent orchestration").uuid();
        UUID system = tasker.dependentSystems().findOrCreate(namespaceName + "_system", null).uuid();
        RegisteredTemplate diamond = tasker.templates().register(WorkflowTemplate.of(namespace, "diamond", "1.0.0",
                system).step("a").step("b", "a").step("c", "a").step("d", "b", "c"));
        long started = System.nanoTime();
        List<UUID> tasks = tasker.transactionResult(tx -> {
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                created.add(tx.templates().createTask(NewTask.of(diamond.uuid(), UUID.randomUUID(), "scenario-" + i))
                        .uuid());
            }
            return created;
        });
        long createdAt = System.nanoTime();
        pgmq.queues().create(queue);
        try {
            run(tasks, queue);
            System.out.printf("%s mode: %d tasks created in %d ms, completed in %d ms; %d advances, %d changed%n",
                    mode, TASKS, (createdAt - started) / 1_000_000, (System.nanoTime() - createdAt) / 1_000_000,
                    advances.get(), changedAdvances.get());
            assertOutcome(diamond, queue);
        } finally {
            pgmq.queues().drop(queue);
        }
    }

    /** Starts the consumers and orchestrators and waits until every task completed (or the deadline passed). */
    private void run(List<UUID> tasks, String queue) throws InterruptedException {
        List<PgmqConsumer<StepMessage>> consumers = new ArrayList<>();
        List<Thread> orchestrators = new ArrayList<>();
        try {
            for (int i = 0; i < CONSUMERS; i++) {
                consumers.add(consumer(queue, i));
            }
            consumers.forEach(PgmqConsumer::start);
            for (UUID task : tasks) {
                inbox.add(task);
                inbox.add(task);
            }
            for (int i = 0; i < ORCHESTRATORS; i++) {
                orchestrators.add(Thread.ofPlatform().name("orchestrator-" + i).start(() -> orchestrate(queue)));
            }
            boolean finished = allComplete.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(failures).as("failures of orchestrators and workers").isEmpty();
            assertThat(finished).as("all %d tasks complete within %s (%d left)", TASKS, DEADLINE,
                    allComplete.getCount()).isTrue();
        } finally {
            stop.set(true);
            for (Thread orchestrator : orchestrators) {
                orchestrator.join(TimeUnit.SECONDS.toMillis(30));
            }
            consumers.forEach(PgmqConsumer::close);
        }
    }

    /** What the run left: every task complete once, every step processed once, the queue drained. */
    private void assertOutcome(RegisteredTemplate diamond, String queue) throws Exception {
        assertThat(failures).as("failures of orchestrators and workers").isEmpty();
        assertThat(completions).as("tasks completed").hasSize(TASKS);
        assertThat(completions.values()).as("each task completed by exactly one advance")
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(processed).as("steps processed (%d deliveries of claimed steps skipped)", redeliveries.get())
                .hasSize(TASKS * 4);
        assertThat(processed.values()).as("each step processed exactly once")
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(sent.get()).as("one message per step").isEqualTo(TASKS * 4);
        assertThat(value(taskerDb, "SELECT count(*) FROM tasker_tasks WHERE named_task_uuid = ? AND complete",
                diamond.uuid())).isEqualTo((long) TASKS);
        assertThat(value(taskerDb, "SELECT count(*) FROM tasker_task_transitions tt JOIN tasker_tasks t"
                + " USING (task_uuid) WHERE t.named_task_uuid = ? AND tt.to_state = 'complete'", diamond.uuid()))
                .as("one complete transition per task").isEqualTo((long) TASKS);
        assertThat(value(taskerDb, "SELECT count(*) FROM tasker_workflow_steps s JOIN tasker_tasks t"
                + " USING (task_uuid) WHERE t.named_task_uuid = ? AND s.attempts = 1 AND s.processed"
                + " AND (SELECT string_agg(to_state, ',' ORDER BY sort_key) FROM tasker_workflow_step_transitions"
                + " WHERE workflow_step_uuid = s.workflow_step_uuid)"
                + " = 'enqueued,in_progress,enqueued_for_orchestration,complete'", diamond.uuid()))
                .as("every step went through its lifecycle once").isEqualTo((long) TASKS * 4);
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + queue)).as("every message deleted").isEqualTo(0L);
    }

    /** An orchestrator: advances the tasks of the inbox and sends the steps each advance enqueued. */
    private void orchestrate(String queue) {
        while (!stop.get()) {
            try {
                UUID task = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (task == null) {
                    continue;
                }
                TaskAdvance advance = tasker.taskLifecycle().advance(task);
                advances.incrementAndGet();
                if (advance.changed()) {
                    changedAdvances.incrementAndGet();
                }
                for (EnqueuedStep step : advance.enqueued()) {
                    pgmq.sender().sendWithNotify(queue, new StepMessage(task, step.workflowStepUuid(), step.name()));
                    sent.incrementAndGet();
                }
                if (advance.completedNow()) {
                    completions.computeIfAbsent(task, key -> new AtomicInteger()).incrementAndGet();
                    allComplete.countDown();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable failure) {
                failures.add(failure);
            }
        }
    }

    /** A listening consumer whose handler claims and completes the step, then hands its task to the orchestrators. */
    private PgmqConsumer<StepMessage> consumer(String queue, int index) {
        DatabaseEndpoint endpoint = pools.settings().pgmq();
        ConsumerConfig config = ConsumerConfig.defaults(queue).withName("scenario-" + index)
                .withMaxConcurrency(HANDLERS_PER_CONSUMER).withPollInterval(Duration.ofMillis(200));
        return PgmqConsumer.listening(pgmq, StepMessage.class, config, message -> {
            try {
                UUID step = message.payload().stepUuid();
                if (tasker.stepLifecycle().claim(step, StepAttribution.NONE).isEmpty()) {
                    redeliveries.incrementAndGet();
                    return;
                }
                processed.computeIfAbsent(step, key -> new AtomicInteger()).incrementAndGet();
                tasker.stepLifecycle().complete(step, DONE, StepAttribution.NONE);
                inbox.add(message.payload().taskUuid());
            } catch (Throwable failure) {
                failures.add(failure);
                throw failure;
            }
        }, ConnectionFactory.of(endpoint.jdbcUrl(), endpoint.user(), endpoint.password()),
                ListenerConfig.defaults().withApplicationName("scenario-listener-" + index));
    }
}
