package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.stepStates;
import static dev.tasker.it.IntegrationSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.MessageHandler;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.lifecycle.EnqueuedStep;
import dev.tasker.dao.tasker.lifecycle.TaskAdvance;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.templates.RegisteredTemplate;
import dev.tasker.dao.tasker.templates.TemplateTask;
import dev.tasker.dao.tasker.templates.WorkflowTemplate;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.migrator.DatabaseOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's reference orchestration loop (tasker-dao section), run as it is printed there: a diamond template,
 * a task of it advanced by {@code TaskLifecycle.advance}, every enqueued step sent with notify to a worker queue and
 * run by a {@link PgmqConsumer} through {@code StepLifecycle}, in the mode of this suite run (split: the task in the
 * tasker database, the queue in the PGMQ database). The test also checks that the README prints this very code.
 */
class OrchestrationReadmeExampleTest extends IntegrationTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "tasker", "it",
            "OrchestrationReadmeExampleTest.java");
    private static final String BEGIN = "// README: orchestration loop begins";
    private static final String END = "// README: orchestration loop ends";

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theReadmeLoopRunsADiamondToCompletionThroughAConsumer() throws Exception {
        String namespaceName = IntegrationSupport.uniqueNamespace();
        UUID namespace = tasker.namespaces().findOrCreate(namespaceName, "README orchestration loop").uuid();
        UUID system = tasker.dependentSystems().findOrCreate(namespaceName + "_system", null).uuid();
        String queue = IntegrationSupport.workerQueue(namespaceName);
        try {
            // README: orchestration loop begins
            TaskerDataAccess tasker = TaskerDataAccess.using(pools.forOperation(DatabaseOperation.TASK_QUERY));
            PgmqClient queues = PgmqClient.using(pools.forOperation(DatabaseOperation.QUEUE_SEND));
            RegisteredTemplate diamond = tasker.templates().register(
                    WorkflowTemplate.of(namespace, "diamond", "1.0.0", system)
                            .step("a").step("b", "a").step("c", "a").step("d", "b", "c"));
            queues.queues().create(queue);

            BlockingQueue<UUID> toAdvance = new LinkedBlockingQueue<>();   // tasks whose steps moved
            MessageHandler<StepMessage> worker = message -> {              // runs on the consumer's threads
                UUID step = message.payload().stepUuid();
                if (tasker.stepLifecycle().claim(step, StepAttribution.NONE).isPresent()) {  // else: a redelivery
                    JSONB results = JSONB.valueOf("{\"success\": true}");  // ... the step's real work ...
                    tasker.stepLifecycle().complete(step, results, StepAttribution.NONE);
                    toAdvance.add(message.payload().taskUuid());
                }
            };
            DatabaseEndpoint endpoint = pools.settings().pgmq();           // the listener's own connections
            ConnectionFactory listen = ConnectionFactory.of(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());

            TemplateTask task = tasker.templates().createTask(
                    NewTask.of(diamond.uuid(), UUID.randomUUID(), "order-42"));
            toAdvance.add(task.uuid());
            TaskAdvance advance;
            try (PgmqConsumer<StepMessage> consumer = PgmqConsumer.listening(queues, StepMessage.class,
                    ConsumerConfig.defaults(queue), worker, listen, ListenerConfig.defaults())) {
                consumer.start();
                do {                                                       // the orchestrator
                    advance = tasker.taskLifecycle().advance(toAdvance.take());
                    for (EnqueuedStep step : advance.enqueued()) {
                        queues.sender().sendWithNotify(queue,
                                new StepMessage(step.taskUuid(), step.workflowStepUuid(), step.name()));
                    }
                } while (!advance.finished());
            }
            // README: orchestration loop ends

            assertThat(advance.state()).isEqualTo(TaskState.COMPLETE);
            assertThat(advance.completedNow()).isTrue();
            assertThat(value(taskerDb, "SELECT complete FROM tasker_tasks WHERE task_uuid = ?", task.uuid()))
                    .isEqualTo(true);
            for (UUID step : task.steps().values()) {
                assertThat(stepStates(taskerDb, step)).containsExactly(StepState.ENQUEUED.databaseValue(),
                        StepState.IN_PROGRESS.databaseValue(), StepState.ENQUEUED_FOR_ORCHESTRATION.databaseValue(),
                        StepState.COMPLETE.databaseValue());
            }
            assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + queue)).as("every message deleted")
                    .isEqualTo(0L);
            assertThat(value(pgmqDb, "SELECT total_messages FROM pgmq.metrics(?)", queue)).isEqualTo(4L);
            assertThat(value(taskerDb, "SELECT to_regclass(?) IS NOT NULL", "pgmq.q_" + queue))
                    .as("in split mode the queue is not in the tasker database").isEqualTo(!split());
        } finally {
            pgmq.queues().drop(queue);
        }
    }

    @Test
    void theReadmePrintsThisLoopVerbatim() throws IOException {
        List<String> source = Files.readAllLines(SOURCE);
        List<String> loop = source.subList(indexOf(source, BEGIN) + 1, indexOf(source, END));
        int indent = loop.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        String printed = loop.stream().map(line -> line.isBlank() ? "" : line.substring(indent))
                .collect(Collectors.joining("\n"));
        assertThat(loop.size()).as("lines of the loop").isLessThan(40);
        assertThat(Files.readString(README)).as("README.md prints the loop of " + SOURCE).contains(printed);
    }

    private static int indexOf(List<String> lines, String marker) {
        return lines.stream().map(String::strip).toList().indexOf(marker);
    }
}
