package dev.tasker.schema.tasker;

import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds workflow scenarios for the SQL-function tests: one namespace, dependent system and named task per
 * scenario, tasks and steps (optionally with chosen uuids, to make ordering rules observable), step and task
 * states written as the application writes transitions, and timestamps moved into the past.
 */
final class TaskerScenario {

    private final Connection db;
    private final TaskerFixtures fixtures;
    private final UUID dependentSystem;
    private final Map<UUID, String> stepNames = new HashMap<>();

    final String namespaceName;
    final String namedTaskName;
    final UUID namedTask;

    private TaskerScenario(Connection db, TaskerFixtures fixtures) throws SQLException {
        this.db = db;
        this.fixtures = fixtures;
        this.namespaceName = TaskerFixtures.unique("ns");
        this.namedTaskName = TaskerFixtures.unique("task");
        UUID namespace = fixtures.namespace(namespaceName);
        this.namedTask = fixtures.namedTask(namespace, namedTaskName, null);
        this.dependentSystem = fixtures.dependentSystem(TaskerFixtures.unique("system"));
    }

    static TaskerScenario create(Connection db, TaskerFixtures fixtures) throws SQLException {
        return new TaskerScenario(db, fixtures);
    }

    /** A task with priority 0 and no transition. */
    UUID task() throws SQLException {
        return task(0);
    }

    UUID task(int priority) throws SQLException {
        return fixtures.task(namedTask, priority);
    }

    /** A task with the given uuid (instead of a time-ordered v7 one). */
    UUID task(UUID id, int priority) throws SQLException {
        execute("INSERT INTO tasker_tasks (task_uuid, named_task_uuid, requested_at, identity_hash, priority,"
                + " correlation_id, created_at, updated_at) VALUES (?, ?, now(), ?, ?, ?, now(), now())",
                id, namedTask, UUID.randomUUID().toString(), priority, UUID.randomUUID());
        return id;
    }

    /** A step of {@code task} with its own named step (defaults: retryable, max_attempts 3, attempts NULL). */
    UUID step(UUID task) throws SQLException {
        String name = TaskerFixtures.unique("step");
        UUID step = fixtures.step(task, fixtures.namedStep(dependentSystem, name));
        stepNames.put(step, name);
        return step;
    }

    /** A step with the given uuid. */
    UUID step(UUID task, UUID id) throws SQLException {
        String name = TaskerFixtures.unique("step");
        UUID namedStep = fixtures.namedStep(dependentSystem, name);
        execute("INSERT INTO tasker_workflow_steps (workflow_step_uuid, task_uuid, named_step_uuid, created_at,"
                + " updated_at) VALUES (?, ?, ?, now(), now())", id, task, namedStep);
        stepNames.put(id, name);
        return id;
    }

    /** The named step's name of a step made by this scenario. */
    String stepName(UUID step) {
        return stepNames.get(step);
    }

    /** A 'provides' edge: {@code child} depends on {@code parent}. */
    void edge(UUID parent, UUID child) throws SQLException {
        fixtures.edge(parent, child);
    }

    /** Moves the step through {@code states} in order; returns the uuid of the last transition. */
    UUID stepStates(UUID step, String... states) throws SQLException {
        UUID last = null;
        for (String state : states) {
            last = fixtures.stepTransition(step, state);
        }
        return last;
    }

    /** Moves the task through {@code states} in order; returns the uuid of the last transition. */
    UUID taskStates(UUID task, String... states) throws SQLException {
        UUID last = null;
        for (String state : states) {
            last = fixtures.taskTransition(task, state);
        }
        return last;
    }

    /** {@code UPDATE tasker_workflow_steps SET <assignments> WHERE workflow_step_uuid = step}. */
    void updateStep(UUID step, String assignments, Object... parameters) throws SQLException {
        update("tasker_workflow_steps", "workflow_step_uuid", step, assignments, parameters);
    }

    /** {@code UPDATE tasker_tasks SET <assignments> WHERE task_uuid = task}. */
    void updateTask(UUID task, String assignments, Object... parameters) throws SQLException {
        update("tasker_tasks", "task_uuid", task, assignments, parameters);
    }

    /** Sets a step transition's created_at to {@code seconds} before now. */
    void backdateStepTransition(UUID transition, double seconds) throws SQLException {
        execute("UPDATE tasker_workflow_step_transitions SET created_at = now() - make_interval(secs => ?)"
                + " WHERE workflow_step_transition_uuid = ?", seconds, transition);
    }

    /** Sets every transition of the step to {@code seconds} before now. */
    void backdateAllStepTransitions(UUID step, double seconds) throws SQLException {
        execute("UPDATE tasker_workflow_step_transitions SET created_at = now() - make_interval(secs => ?)"
                + " WHERE workflow_step_uuid = ?", seconds, step);
    }

    /** Sets the task's current (most_recent) transition's created_at to {@code seconds} before now. */
    void backdateCurrentTaskState(UUID task, double seconds) throws SQLException {
        execute("UPDATE tasker_task_transitions SET created_at = now() - make_interval(secs => ?)"
                + " WHERE task_uuid = ? AND most_recent", seconds, task);
    }

    /** Sets the task's created_at to {@code seconds} before now. */
    void backdateTaskCreation(UUID task, double seconds) throws SQLException {
        updateTask(task, "created_at = now() - make_interval(secs => ?)", seconds);
    }

    private void update(String table, String key, UUID id, String assignments, Object... parameters)
            throws SQLException {
        Object[] all = new Object[parameters.length + 1];
        System.arraycopy(parameters, 0, all, 0, parameters.length);
        all[parameters.length] = id;
        int updated = execute("UPDATE " + table + " SET " + assignments + " WHERE " + key + " = ?", all);
        if (updated != 1) {
            throw new IllegalStateException("expected to update one row of " + table + " but updated " + updated);
        }
    }

    private int execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            SqlRows.bind(statement, parameters);
            return statement.executeUpdate();
        }
    }
}
