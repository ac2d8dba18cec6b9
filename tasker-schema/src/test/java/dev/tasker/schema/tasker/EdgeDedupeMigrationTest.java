package dev.tasker.schema.tasker;

import dev.tasker.database.testing.SqlRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 20251118 (tasker-schema.md §2.9): duplicate edges (same from, to and name) that existed before the unique key are
 * deleted, keeping the oldest by created_at. Uses a database of its own, migrated up to 20251115, given duplicate
 * edges, then migrated to the end.
 */
class EdgeDedupeMigrationTest extends TaskerSchemaTest {

    private static final String BEFORE_UNIQUE_EDGES = "20251115000000";

    private Connection early;
    private UUID from;
    private UUID to;
    private UUID oldest;
    private UUID otherName;
    private UUID otherPairOnly;

    @BeforeAll
    void migrateAroundDuplicateEdges() throws Exception {
        DatabaseEndpoint endpoint = TestDatabases.provision(mode).tasker();
        early = endpoint.connect();
        assumeTrue(rows(early, "SELECT to_regclass('tasker_schema_history') IS NULL AS fresh").get(0).get("fresh")
                .equals(true), "needs a fresh database (the external provider hands out a shared one)");
        TaskerMigrations.configure(endpoint.dataSource()).target(BEFORE_UNIQUE_EDGES).load().migrate();

        TaskerFixtures history = new TaskerFixtures(early);
        UUID namespace = history.namespace(TaskerFixtures.unique("ns"));
        UUID task = history.task(history.namedTask(namespace, TaskerFixtures.unique("task"), null), 0);
        UUID system = history.dependentSystem(TaskerFixtures.unique("sys"));
        from = history.step(task, history.namedStep(system, TaskerFixtures.unique("step")));
        to = history.step(task, history.namedStep(system, TaskerFixtures.unique("step")));
        UUID third = history.step(task, history.namedStep(system, TaskerFixtures.unique("step")));

        // Three copies of from → to 'provides'; the oldest is neither the first inserted nor the smallest uuid.
        edge(UUID.fromString("ffffffff-0000-7000-8000-000000000001"), from, to, "provides", 3600);
        oldest = edge(UUID.fromString("ffffffff-0000-7000-8000-000000000002"), from, to, "provides", 7200);
        edge(UUID.fromString("00000000-0000-7000-8000-000000000003"), from, to, "provides", 60);
        otherName = edge(UUID.randomUUID(), from, to, "batch", 0);
        otherPairOnly = edge(UUID.randomUUID(), from, third, "provides", 0);

        TaskerMigrations.migrate(endpoint.dataSource());
    }

    @AfterAll
    void closeEarly() throws SQLException {
        if (early != null) {
            early.close();
        }
    }

    private UUID edge(UUID id, UUID fromStep, UUID toStep, String name, int secondsAgo) throws SQLException {
        try (PreparedStatement insert = early.prepareStatement("INSERT INTO tasker_workflow_step_edges"
                + " (workflow_step_edge_uuid, from_step_uuid, to_step_uuid, name, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, now() - make_interval(secs => ?), now())")) {
            SqlRows.bind(insert, id, fromStep, toStep, name, secondsAgo);
            insert.executeUpdate();
        }
        return id;
    }

    @Test
    @DisplayName("of duplicate edges only the oldest by created_at is kept; other names and pairs are untouched")
    void keepsTheOldest() throws SQLException {
        List<Object> remaining = rows(early, "SELECT workflow_step_edge_uuid FROM tasker_workflow_step_edges"
                + " WHERE from_step_uuid = ?", from).stream().map(row -> row.get("workflow_step_edge_uuid")).toList();

        assertThat(remaining).containsExactlyInAnyOrder(oldest, otherName, otherPairOnly);
    }

    @Test
    @DisplayName("afterwards the unique key (from, to, name) rejects a further duplicate")
    void uniqueKeyInPlace() throws SQLException {
        boolean rejected;
        try {
            edge(UUID.randomUUID(), from, to, "provides", 0);
            rejected = false;
        } catch (SQLException duplicate) {
            rejected = "23505".equals(duplicate.getSQLState());
        }

        assertThat(rejected).isTrue();
    }
}
