package dev.tasker.schema.tasker;

import static dev.tasker.schema.tasker.generated.Tables.GET_STEP_READINESS_STATUS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS_DLQ;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_NAMESPACES;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.schema.tasker.generated.Routines;
import dev.tasker.schema.tasker.generated.enums.DlqReason;
import dev.tasker.schema.tasker.generated.enums.DlqResolutionStatus;
import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskNamespacesRecord;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed jOOQ classes describe the migrated database: tables with their generated keys, table-valued
 * functions, scalar routines and PostgreSQL enums all work against it (so a migration changed without
 * regenerating shows up here as well as in the manifest check).
 */
class GeneratedCodeTest extends TaskerSchemaTest {

    private DSLContext sql;

    @BeforeAll
    void bindJooq() {
        sql = DSL.using(db, SQLDialect.POSTGRES);
    }

    @Test
    void tablesInsertAndReadWithColumnDefaults() {
        String name = TaskerFixtures.unique("jooq_ns");
        TaskerTaskNamespacesRecord inserted = sql.insertInto(TASKER_TASK_NAMESPACES)
                .set(TASKER_TASK_NAMESPACES.NAME, name)
                .set(TASKER_TASK_NAMESPACES.CREATED_AT, LocalDateTime.now())
                .set(TASKER_TASK_NAMESPACES.UPDATED_AT, LocalDateTime.now())
                .returning()
                .fetchOne();

        assertThat(inserted).isNotNull();
        assertThat(inserted.getTaskNamespaceUuid().version()).isEqualTo(7);
        assertThat(sql.fetchOne(TASKER_TASK_NAMESPACES, TASKER_TASK_NAMESPACES.NAME.eq(name)))
                .extracting(TaskerTaskNamespacesRecord::getTaskNamespaceUuid)
                .isEqualTo(inserted.getTaskNamespaceUuid());
    }

    @Test
    void tableValuedFunctionsAreQueryable() throws Exception {
        UUID system = fixtures.dependentSystem(TaskerFixtures.unique("jooq_sys"));
        UUID namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("jooq_ns")),
                TaskerFixtures.unique("jooq_task"), null);
        UUID task = fixtures.task(namedTask, 0);
        UUID step = fixtures.step(task, fixtures.namedStep(system, TaskerFixtures.unique("jooq_step")));

        var readiness = sql.selectFrom(GET_STEP_READINESS_STATUS.call(task, null)).fetch();

        assertThat(readiness).hasSize(1);
        assertThat(readiness.get(0).getWorkflowStepUuid()).isEqualTo(step);
        assertThat(readiness.get(0).getCurrentState()).isEqualTo("pending");
        assertThat(readiness.get(0).getReadyForExecution()).isTrue();
        assertThat(sql.fetchCount(TASKER_WORKFLOW_STEPS, TASKER_WORKFLOW_STEPS.TASK_UUID.eq(task))).isEqualTo(1);
    }

    @Test
    void scalarRoutinesAreCallable() {
        Integer threshold = Routines.calculateStalenessThreshold(sql.configuration(), "waiting_for_retry",
                JSONB.valueOf("{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 7}}"), 60, 30, 30);

        assertThat(threshold).isEqualTo(7);
    }

    @Test
    void postgresEnumsMapToJavaEnums() throws Exception {
        UUID task = fixtures.task(fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("jooq_ns")),
                TaskerFixtures.unique("jooq_task"), null), 0);

        sql.insertInto(TASKER_TASKS_DLQ)
                .set(TASKER_TASKS_DLQ.TASK_UUID, task)
                .set(TASKER_TASKS_DLQ.ORIGINAL_STATE, "steps_in_process")
                .set(TASKER_TASKS_DLQ.DLQ_REASON, DlqReason.manual_dlq)
                .set(TASKER_TASKS_DLQ.TASK_SNAPSHOT, JSONB.valueOf("{}"))
                .execute();

        var entry = sql.fetchOne(TASKER_TASKS_DLQ, TASKER_TASKS_DLQ.TASK_UUID.eq(task));
        assertThat(entry).isNotNull();
        assertThat(entry.getDlqReason()).isEqualTo(DlqReason.manual_dlq);
        assertThat(entry.getResolutionStatus()).isEqualTo(DlqResolutionStatus.pending);
        assertThat(DlqReason.values()).extracting(DlqReason::getLiteral).containsExactly(
                "staleness_timeout", "max_retries_exceeded", "dependency_cycle_detected", "worker_unavailable",
                "manual_dlq");
    }
}
