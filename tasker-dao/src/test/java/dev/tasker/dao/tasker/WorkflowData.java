package dev.tasker.dao.tasker;

import dev.tasker.database.testing.SqlRows;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Arranges workflows for the query tests with plain SQL: a template (namespace + named task) per instance, tasks
 * and steps of it, edges, states written as transitions, and timestamps moved into the past.
 */
public final class WorkflowData {

    private final Connection db;
    private final TaskerFixtures fixtures;
    private final UUID dependentSystem;

    /** The template's namespace name. */
    public final String namespaceName;
    /** The template's named-task name (version 1.0.0). */
    public final String taskName;
    /** The template. */
    public final UUID namedTask;

    /** A fresh template whose configuration is {@code configurationJson} (null: '{}'). */
    public WorkflowData(Connection db, TaskerFixtures fixtures, String configurationJson) throws SQLException {
        this.db = db;
        this.fixtures = fixtures;
        this.namespaceName = TaskerFixtures.unique("ns");
        this.taskName = TaskerFixtures.unique("task");
        this.namedTask = fixtures.namedTask(fixtures.namespace(namespaceName), taskName, configurationJson);
        this.dependentSystem = fixtures.dependentSystem(TaskerFixtures.unique("system"));
    }

    /** A task of the template with {@code priority}, moved through {@code states}. */
    public UUID task(int priority, String... states) throws SQLException {
        UUID task = fixtures.task(namedTask, priority);
        for (String state : states) {
            fixtures.taskTransition(task, state);
        }
        return task;
    }

    /** A step of {@code task} with a named step of its own, moved through {@code states}. */
    public UUID step(UUID task, String... states) throws SQLException {
        UUID step = fixtures.step(task, fixtures.namedStep(dependentSystem, TaskerFixtures.unique("step")));
        for (String state : states) {
            fixtures.stepTransition(step, state);
        }
        return step;
    }

    /** {@code child} depends on {@code parent}. */
    public void edge(UUID parent, UUID child) throws SQLException {
        fixtures.edge(parent, child);
    }

    /** Pretends the task entered its current state {@code minutes} ago. */
    public void taskStateEnteredMinutesAgo(UUID task, double minutes) throws SQLException {
        execute("UPDATE tasker_task_transitions SET created_at = now() - make_interval(secs => ?)"
                + " WHERE task_uuid = ? AND most_recent", minutes * 60, task);
    }

    /** Runs {@code sql} with parameters on the arranging connection. */
    public int execute(String sql, Object... parameters) throws SQLException {
        return SqlRows.execute(db, sql, parameters);
    }
}
