package dev.tasker.examples.worker;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.readiness.ExecutionStatus;
import dev.tasker.dao.tasker.readiness.StepReadiness;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.steps.NewEdge;
import dev.tasker.dao.tasker.steps.NewStep;
import dev.tasker.dao.tasker.steps.WorkflowStep;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;

/** Starts diamond tasks (a → b, a → c, b → d, c → d) and runs their steps. */
@Service
public record DiamondWorkflow(TaskerDataAccess tasker, PgmqClient pgmq) {

    static final String QUEUE = "diamond_steps";
    static final JSONB DONE = JSONB.valueOf("{\"success\": true}");

    /** A ready step on its way to the worker. */
    public record StepMessage(UUID task, UUID step) {
    }

    /** Creates a diamond task and enqueues its first step; returns the task. */
    public UUID start() {
        UUID namespace = tasker.namespaces().findOrCreate("examples", null).uuid();
        UUID system = tasker.dependentSystems().findOrCreate("example_system", null).uuid();
        UUID template = tasker.namedTasks().findOrCreate(NewNamedTask.of(namespace, "diamond", "1.0.0")).uuid();
        UUID task = tasker.tasks().create(NewTask.of(template, UUID.randomUUID(), UUID.randomUUID().toString())).uuid();
        List<UUID> s = tasker.steps().createSteps(task, Stream.of("a", "b", "c", "d")
                .map(name -> NewStep.of(tasker.namedSteps().findOrCreate(system, name, null).uuid())).toList())
                .stream().map(WorkflowStep::uuid).toList();
        tasker.edges().addEdges(task, List.of(new NewEdge(s.get(0), s.get(1)), new NewEdge(s.get(0), s.get(2)),
                new NewEdge(s.get(1), s.get(3)), new NewEdge(s.get(2), s.get(3))));
        tasker.taskTransitions().transition(task, TaskEvent.Signal.START);
        enqueueReadySteps(task);
        return task;
    }

    /** Runs one step, then completes the task or enqueues the steps that became ready. */
    void run(StepMessage message) {
        tasker.stepTransitions().startAndClaim(message.step(), StepAttribution.NONE);
        tasker.stepTransitions().transition(message.step(), new StepEvent.EnqueueForOrchestration(DONE));
        tasker.stepTransitions().transition(message.step(), new StepEvent.Complete(DONE));
        if (tasker.executionContexts().forTask(message.task()).orElseThrow().executionStatus()
                == ExecutionStatus.ALL_COMPLETE) {
            tasker.taskTransitions().transition(message.task(), TaskEvent.Signal.ALL_STEPS_COMPLETED);
            tasker.taskTransitions().transition(message.task(), TaskEvent.Signal.ALL_STEPS_SUCCESSFUL);
        } else if (!readySteps(message.task()).isEmpty()) {
            tasker.taskTransitions().transition(message.task(), new TaskEvent.StepCompleted(message.step()));
            enqueueReadySteps(message.task());
        }
    }

    private void enqueueReadySteps(UUID task) {
        List<UUID> ready = readySteps(task);
        tasker.taskTransitions().transition(task, new TaskEvent.ReadyStepsFound(ready.size()));
        for (UUID step : ready) {
            tasker.stepTransitions().transition(step, StepEvent.Signal.ENQUEUE);
            pgmq.sender().sendWithNotify(QUEUE, new StepMessage(task, step));
        }
        tasker.taskTransitions().transition(task, new TaskEvent.StepsEnqueued(ready));
    }

    private List<UUID> readySteps(UUID task) {
        return tasker.stepReadiness().forTask(task).stream().filter(StepReadiness::readyForExecution)
                .map(StepReadiness::workflowStepUuid).toList();
    }
}
