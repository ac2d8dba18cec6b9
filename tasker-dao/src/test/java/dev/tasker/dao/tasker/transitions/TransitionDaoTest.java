package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Arranging tasks and steps with plain SQL, and reading transition rows back independently of the DAOs. */
abstract class TransitionDaoTest extends TaskerDaoTest {

    private UUID namedTask;
    private UUID namedStep;

    /** A new task without transitions. */
    protected UUID newTask() throws SQLException {
        if (namedTask == null) {
            namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")),
                    TaskerFixtures.unique("task"), null);
        }
        return fixtures.task(namedTask, 0);
    }

    /** A new step (of a new task) without transitions. */
    protected UUID newStep() throws SQLException {
        return newStep(newTask());
    }

    /** A new step of {@code task} without transitions. */
    protected UUID newStep(UUID task) throws SQLException {
        if (namedStep == null) {
            namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("system")),
                    TaskerFixtures.unique("step"));
        }
        return fixtures.step(task, namedStep);
    }

    /** The task's transition rows, oldest first. */
    protected List<Map<String, Object>> taskRows(UUID task) throws SQLException {
        return rows("SELECT * FROM tasker_task_transitions WHERE task_uuid = ? ORDER BY sort_key", task);
    }

    /** The step's transition rows, oldest first. */
    protected List<Map<String, Object>> stepRows(UUID step) throws SQLException {
        return rows("SELECT * FROM tasker_workflow_step_transitions WHERE workflow_step_uuid = ? ORDER BY sort_key",
                step);
    }

    /** The task's row in tasker_tasks. */
    protected Map<String, Object> taskColumns(UUID task) throws SQLException {
        return row("SELECT * FROM tasker_tasks WHERE task_uuid = ?", task);
    }

    /** The step's row in tasker_workflow_steps. */
    protected Map<String, Object> stepColumns(UUID step) throws SQLException {
        return row("SELECT * FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step);
    }

    /** The number of rows with most_recent = true among {@code rows}. */
    protected static long mostRecent(List<Map<String, Object>> rows) {
        return rows.stream().filter(row -> Boolean.TRUE.equals(row.get("most_recent"))).count();
    }
}
