package dev.tasker.schema.tasker;

import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Test data for the DLQ, audit, analytics and health tests: tasks of their own template (namespace + named task),
 * tasks put into a state, and timestamps pushed into the past so that age and staleness rules can be met without
 * waiting. Builds on {@link TaskerFixtures}; every name is unique so that tests can share a database.
 */
final class OpsData {

    /** A task together with the template it belongs to. */
    record TemplateTask(String namespaceName, UUID namespaceUuid, String taskName, UUID namedTaskUuid,
                        UUID taskUuid) {
    }

    private final Connection db;
    private final TaskerFixtures fixtures;

    OpsData(Connection db, TaskerFixtures fixtures) {
        this.db = db;
        this.fixtures = fixtures;
    }

    TaskerFixtures fixtures() {
        return fixtures;
    }

    /** A task (priority 0) of a fresh template whose configuration is {@code configurationJson} (null for '{}'). */
    TemplateTask newTemplateTask(String configurationJson) throws SQLException {
        String namespaceName = TaskerFixtures.unique("ns");
        UUID namespace = fixtures.namespace(namespaceName);
        String taskName = TaskerFixtures.unique("task");
        UUID namedTask = fixtures.namedTask(namespace, taskName, configurationJson);
        return new TemplateTask(namespaceName, namespace, taskName, namedTask, fixtures.task(namedTask, 0));
    }

    /** A task (priority 0) of a fresh template with the default configuration, already in {@code states}. */
    TemplateTask newTaskIn(String... states) throws SQLException {
        TemplateTask task = newTemplateTask(null);
        for (String state : states) {
            fixtures.taskTransition(task.taskUuid(), state);
        }
        return task;
    }

    /** Another task of the same template as {@code sibling}, moved through {@code states}. */
    UUID siblingTaskIn(TemplateTask sibling, String... states) throws SQLException {
        UUID task = fixtures.task(sibling.namedTaskUuid(), 0);
        for (String state : states) {
            fixtures.taskTransition(task, state);
        }
        return task;
    }

    /** Pretends the task entered its current state {@code minutes} ago. */
    void currentTaskStateEnteredMinutesAgo(UUID task, double minutes) throws SQLException {
        update("UPDATE tasker_task_transitions SET created_at = now() - make_interval(secs => ?)"
                + " WHERE task_uuid = ? AND most_recent", minutes * 60, task);
    }

    /** Pretends the task row was created {@code minutes} ago. */
    void taskCreatedMinutesAgo(UUID task, double minutes) throws SQLException {
        update("UPDATE tasker_tasks SET created_at = now() - make_interval(secs => ?) WHERE task_uuid = ?",
                minutes * 60, task);
    }

    /** Pretends the step row was created {@code seconds} after its task. */
    void stepCreatedSecondsAfterTask(UUID step, double seconds) throws SQLException {
        update("UPDATE tasker_workflow_steps ws SET created_at = t.created_at + make_interval(secs => ?)"
                + " FROM tasker_tasks t WHERE t.task_uuid = ws.task_uuid AND ws.workflow_step_uuid = ?", seconds, step);
    }

    /** Pretends the step's current transition was written {@code seconds} after the step's task was created. */
    void currentStepStateEnteredSecondsAfterTask(UUID step, double seconds) throws SQLException {
        update("UPDATE tasker_workflow_step_transitions wst SET created_at = t.created_at + make_interval(secs => ?)"
                + " FROM tasker_workflow_steps ws JOIN tasker_tasks t ON t.task_uuid = ws.task_uuid"
                + " WHERE ws.workflow_step_uuid = wst.workflow_step_uuid AND wst.most_recent"
                + " AND wst.workflow_step_uuid = ?", seconds, step);
    }

    /** Runs an UPDATE/INSERT/DDL statement with {@code ?} parameters. */
    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            SqlRows.bind(statement, parameters);
            return statement.executeUpdate();
        }
    }
}
