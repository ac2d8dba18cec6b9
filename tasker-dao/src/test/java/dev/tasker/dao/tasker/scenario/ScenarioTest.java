package dev.tasker.dao.tasker.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.readiness.ExecutionStatus;
import dev.tasker.dao.tasker.readiness.HealthStatus;
import dev.tasker.dao.tasker.readiness.RecommendedAction;
import dev.tasker.dao.tasker.readiness.StepReadiness;
import dev.tasker.dao.tasker.readiness.TaskExecutionContext;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.database.testing.SqlRows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the end-to-end scenarios: an empty database per test (so system-wide counts are exact), and the checks
 * the scenarios repeat at every stage, through the public API and, where it says so, with plain SQL.
 */
abstract class ScenarioTest extends TaskerDaoTest {

    @BeforeEach
    void emptyDatabase() throws SQLException {
        fixtures.truncateAll();
    }

    /** Moves {@code task} by each of {@code moves} in turn and checks where each one led. */
    @SafeVarargs
    protected static void moveTask(TaskerDataAccess access, UUID task, Map.Entry<TaskEvent, TaskState>... moves) {
        for (Map.Entry<TaskEvent, TaskState> move : moves) {
            assertThat(access.taskTransitions().transition(task, move.getKey()).toState())
                    .as("task on %s", move.getKey().describe()).isEqualTo(move.getValue());
        }
    }

    /** The steps of {@code task} that readiness reports ready for execution. */
    protected static Set<UUID> ready(TaskerDataAccess access, UUID task) {
        return access.stepReadiness().forTask(task).stream().filter(StepReadiness::readyForExecution)
                .map(StepReadiness::workflowStepUuid).collect(Collectors.toSet());
    }

    /** The readiness row of {@code step}. */
    protected static StepReadiness readiness(TaskerDataAccess access, UUID task, UUID step) {
        return access.stepReadiness().forStep(task, step).orElseThrow();
    }

    /**
     * Checks the execution context of {@code task}: its status, the counts (total, pending, in progress, completed,
     * failed, ready, enqueued), the derived enums and the completion percentage.
     */
    protected static TaskExecutionContext assertContext(TaskerDataAccess access, UUID task, TaskState status,
            long[] counts, ExecutionStatus execution, RecommendedAction action, HealthStatus health,
            String completion) {
        TaskExecutionContext context = access.executionContexts().forTask(task).orElseThrow();
        assertThat(context.status()).as("status").isEqualTo(status);
        assertThat(new long[] {context.totalSteps(), context.pendingSteps(), context.inProgressSteps(),
                context.completedSteps(), context.failedSteps(), context.readySteps(), context.enqueuedSteps()})
                .as("total, pending, in progress, completed, failed, ready, enqueued").containsExactly(counts);
        assertThat(List.of(context.executionStatus(), context.recommendedAction(), context.healthStatus()))
                .as("execution status, recommended action, health").containsExactly(execution, action, health);
        assertThat(context.completionPercentage()).as("completion").isEqualByComparingTo(new BigDecimal(completion));
        return context;
    }

    /** The counts of {@link #assertContext}, in its order. */
    protected static long[] counts(long... values) {
        return Arrays.copyOf(values, values.length);
    }

    /** {@code event} leads to {@code state}. */
    protected static Map.Entry<TaskEvent, TaskState> to(TaskEvent event, TaskState state) {
        return Map.entry(event, state);
    }

    /** The rows of {@code sql} on {@code connection} (the DAOs' own connection when inside a caller's transaction). */
    protected static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return SqlRows.rows(connection, sql, parameters);
    }

    /** The single row of {@code sql} on {@code connection}. */
    protected static Map<String, Object> row(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return SqlRows.single(rows(connection, sql, parameters), sql);
    }

    /** The first column of the single row of {@code sql} on {@code connection}. */
    protected static Object value(Connection connection, String sql, Object... parameters) throws SQLException {
        return row(connection, sql, parameters).values().iterator().next();
    }

    /** The current state of {@code step}, read with plain SQL on {@code connection} (pending without transitions). */
    protected static String stepState(Connection connection, UUID step) throws SQLException {
        return (String) value(connection, "SELECT coalesce((SELECT to_state FROM tasker_workflow_step_transitions"
                + " WHERE workflow_step_uuid = ? AND most_recent), 'pending')", step);
    }
}
