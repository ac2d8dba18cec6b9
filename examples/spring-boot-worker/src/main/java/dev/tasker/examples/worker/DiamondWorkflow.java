package dev.tasker.examples.worker;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.lifecycle.EnqueuedStep;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.templates.RegisteredTemplate;
import dev.tasker.dao.tasker.templates.WorkflowTemplate;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import java.util.UUID;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;

/** Starts diamond tasks (a → b, a → c, b + c → d) and runs their steps. */
@Service
public record DiamondWorkflow(TaskerDataAccess tasker, PgmqClient pgmq) {

    static final String QUEUE = "diamond_steps";

    /** A ready step on its way to the worker. */
    public record StepMessage(UUID task, UUID step) {
    }

    /** Registers the template (once), creates a diamond task and enqueues its first step; returns the task. */
    public UUID start(String name) {
        UUID namespace = tasker.namespaces().findOrCreate("examples", null).uuid();
        UUID system = tasker.dependentSystems().findOrCreate("example_system", null).uuid();
        RegisteredTemplate diamond = tasker.templates().register(WorkflowTemplate.of(namespace, "diamond", "1.0.0",
                system).step("a").step("b", "a").step("c", "a").step("d", "b", "c"));
        UUID task = tasker.templates().createTask(NewTask.of(diamond.uuid(), UUID.randomUUID(), name)).uuid();
        advance(task);
        return task;
    }

    /** Runs one step (the consumer bean's handler), then lets the task advance. */
    void run(StepMessage message) {
        if (tasker.stepLifecycle().claim(message.step(), StepAttribution.NONE).isPresent()) { // else a redelivery
            JSONB results = JSONB.valueOf("{\"success\": true}");                            // the step's work
            tasker.stepLifecycle().complete(message.step(), results, StepAttribution.NONE);
            advance(message.task());
        }
    }

    /** Applies the transitions the task is due and sends every step it enqueued. */
    private void advance(UUID task) {
        for (EnqueuedStep step : tasker.taskLifecycle().advance(task).enqueued()) {
            pgmq.sender().sendWithNotify(QUEUE, new StepMessage(task, step.workflowStepUuid()));
        }
    }
}
