package dev.tasker.schema.tasker;

import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Inserts tasker rows the way upstream's application does (audit timestamps supplied as {@code now()},
 * transitions written with the three statements of tasker-schema.md §7.3). Names are made unique per call so that
 * tests can share a database.
 */
public final class TaskerFixtures {

    private final Connection db;

    public TaskerFixtures(Connection db) {
        this.db = db;
    }

    /** A fresh name with {@code prefix}, unique within the database. */
    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public UUID namespace(String name) throws SQLException {
        return uuid("INSERT INTO tasker_task_namespaces (name, created_at, updated_at) VALUES (?, now(), now())"
                + " RETURNING task_namespace_uuid", name);
    }

    public UUID dependentSystem(String name) throws SQLException {
        return uuid("INSERT INTO tasker_dependent_systems (name, created_at, updated_at) VALUES (?, now(), now())"
                + " RETURNING dependent_system_uuid", name);
    }

    /** A named task (version 1.0.0) with {@code configurationJson} (may be null for the default '{}'). */
    public UUID namedTask(UUID namespace, String name, String configurationJson) throws SQLException {
        return uuid("INSERT INTO tasker_named_tasks (task_namespace_uuid, name, version, configuration, created_at,"
                + " updated_at) VALUES (?, ?, '1.0.0', COALESCE(?::jsonb, '{}'::jsonb), now(), now())"
                + " RETURNING named_task_uuid", namespace, name, configurationJson);
    }

    public UUID namedStep(UUID dependentSystem, String name) throws SQLException {
        return uuid("INSERT INTO tasker_named_steps (dependent_system_uuid, name, created_at, updated_at)"
                + " VALUES (?, ?, now(), now()) RETURNING named_step_uuid", dependentSystem, name);
    }

    /** A task of {@code namedTask} with {@code priority}, a random correlation id and identity hash. */
    public UUID task(UUID namedTask, int priority) throws SQLException {
        return uuid("INSERT INTO tasker_tasks (named_task_uuid, requested_at, identity_hash, priority,"
                + " correlation_id, created_at, updated_at) VALUES (?, now(), ?, ?, ?, now(), now())"
                + " RETURNING task_uuid", namedTask, UUID.randomUUID().toString(), priority, UUID.randomUUID());
    }

    /** A step of {@code task} (retryable, max_attempts 3, attempts NULL, not processed). */
    public UUID step(UUID task, UUID namedStep) throws SQLException {
        return uuid("INSERT INTO tasker_workflow_steps (task_uuid, named_step_uuid, created_at, updated_at)"
                + " VALUES (?, ?, now(), now()) RETURNING workflow_step_uuid", task, namedStep);
    }

    /** A 'provides' edge {@code from → to}. */
    public UUID edge(UUID from, UUID to) throws SQLException {
        return uuid("INSERT INTO tasker_workflow_step_edges (from_step_uuid, to_step_uuid, name, created_at,"
                + " updated_at) VALUES (?, ?, 'provides', now(), now()) RETURNING workflow_step_edge_uuid", from, to);
    }

    /** Appends a task transition to {@code toState} as the application does (§7.3) and returns its uuid. */
    public UUID taskTransition(UUID task, String toState) throws SQLException {
        return transition("tasker_task_transitions", "task_uuid", "task_transition_uuid", task, toState, "{}");
    }

    /** Appends a step transition to {@code toState} with {@code metadataJson} and returns its uuid. */
    public UUID stepTransition(UUID step, String toState, String metadataJson) throws SQLException {
        return transition("tasker_workflow_step_transitions", "workflow_step_uuid", "workflow_step_transition_uuid",
                step, toState, metadataJson);
    }

    /** {@link #stepTransition(UUID, String, String)} with metadata '{}'. */
    public UUID stepTransition(UUID step, String toState) throws SQLException {
        return stepTransition(step, toState, "{}");
    }

    /**
     * Empties every tasker table, for tests of functions and queries that look at the whole database (health
     * counts, next ready tasks, stale-task detection). Only ever run against a test database.
     */
    public void truncateAll() throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("""
                    TRUNCATE tasker_workflow_step_result_audit, tasker_tasks_dlq, tasker_task_annotations,
                             tasker_workflow_step_transitions, tasker_workflow_step_edges, tasker_workflow_steps,
                             tasker_task_transitions, tasker_tasks, tasker_named_tasks_named_steps,
                             tasker_named_steps, tasker_named_tasks, tasker_task_namespaces,
                             tasker_dependent_system_object_maps, tasker_dependent_systems,
                             tasker_annotation_types
                    """);
        }
    }

    private UUID transition(String table, String owner, String key, UUID id, String toState, String metadataJson)
            throws SQLException {
        String fromState = currentState(table, owner, id);
        int sortKey = ((Number) SqlRows.rows(db,
                "SELECT COALESCE(MAX(sort_key), 0) + 1 AS next FROM " + table + " WHERE " + owner + " = ?", id)
                .get(0).get("next")).intValue();
        try (PreparedStatement unset = db.prepareStatement("UPDATE " + table
                + " SET most_recent = false, updated_at = now() WHERE " + owner + " = ? AND most_recent")) {
            unset.setObject(1, id);
            unset.executeUpdate();
        }
        return uuid("INSERT INTO " + table + " (" + owner + ", to_state, from_state, metadata, sort_key, most_recent,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?::jsonb, ?, true, now(), now()) RETURNING " + key,
                id, toState, fromState, metadataJson, sortKey);
    }

    private String currentState(String table, String owner, UUID id) throws SQLException {
        var rows = SqlRows.rows(db,
                "SELECT to_state FROM " + table + " WHERE " + owner + " = ? AND most_recent", id);
        return rows.isEmpty() ? null : (String) rows.get(0).get("to_state");
    }

    private UUID uuid(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            SqlRows.bind(statement, parameters);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getObject(1, UUID.class);
            }
        }
    }
}
