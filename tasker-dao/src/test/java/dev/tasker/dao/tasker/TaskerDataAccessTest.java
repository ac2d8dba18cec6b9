package dev.tasker.dao.tasker;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_NAMESPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.dao.tasker.tasks.TaskDao;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The transaction contract of the entry point and of {@link Atomic}, and {@link DaoErrors}' conversions. */
class TaskerDataAccessTest extends TaskerDaoTest {

    @Test
    void aTransactionOnADataSourceCommitsWhenTheWorkReturns() throws SQLException {
        String name = TaskerFixtures.unique("committed");
        dao.transaction(bound -> {
            insertNamespace(bound, name);
        });
        assertThat(countNamespaces(name)).isEqualTo(1);
    }

    @Test
    void aTransactionOnADataSourceRollsEverythingBackWhenTheWorkThrows() throws SQLException {
        String first = TaskerFixtures.unique("rolled_back");
        String second = TaskerFixtures.unique("rolled_back");
        assertThatThrownBy(() -> dao.transaction(bound -> {
            insertNamespace(bound, first);
            insertNamespace(bound, second);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(countNamespaces(first) + countNamespaces(second)).isZero();
    }

    @Test
    void onTheCallersTransactionNothingIsCommittedBehindItsBack() throws SQLException {
        String name = TaskerFixtures.unique("callers");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            TaskerDataAccess.using(connection).transaction(bound -> {
                insertNamespace(bound, name);
            });
            assertThat(countNamespaces(name)).as("invisible before the caller commits").isZero();
            connection.rollback();
        }
        assertThat(countNamespaces(name)).as("the caller's rollback undid it").isZero();
    }

    @Test
    void aFailureOnTheCallersTransactionRollsBackOnlyTheFailedWork() throws SQLException {
        String kept = TaskerFixtures.unique("kept");
        String failed = TaskerFixtures.unique("failed");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            TaskerDataAccess callers = TaskerDataAccess.using(connection);
            insertNamespace(callers, kept);
            assertThatThrownBy(() -> callers.transaction(bound -> {
                insertNamespace(bound, failed);
                insertNamespace(bound, failed);
            })).isInstanceOf(ConflictException.class).hasMessageContaining("insert namespace failed");
            insertNamespace(callers, TaskerFixtures.unique("after"));
            connection.commit();
        }
        assertThat(countNamespaces(kept)).as("the caller's earlier work survives").isEqualTo(1);
        assertThat(countNamespaces(failed)).as("the failed unit left nothing").isZero();
    }

    @Test
    void databaseErrorsBecomeModuleExceptionsNamingTheOperation() {
        assertThatThrownBy(() -> DaoErrors.run("read nonsense",
                () -> dsl.fetch("SELECT * FROM no_such_table")))
                .isExactlyInstanceOf(TaskerDaoException.class)
                .hasMessageContaining("read nonsense failed")
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> DaoErrors.run("parse uuid", () -> dsl.fetch("SELECT 'x'::uuid")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("parse uuid failed");
    }

    @Test
    void missingEntryPointArgumentsAreNamed() {
        InvalidArguments.assertInvalid(() -> TaskerDataAccess.using((DataSource) null), "dataSource");
        InvalidArguments.assertInvalid(() -> TaskerDataAccess.using((Connection) null), "connection");
        InvalidArguments.assertInvalid(() -> TaskerDataAccess.using((DSLContext) null), "ctx");
        InvalidArguments.assertInvalid(() -> TaskerDataAccess.using((Configuration) null), "configuration");
        InvalidArguments.assertInvalid(() -> dao.transaction(null), "work");
        InvalidArguments.assertInvalid(() -> dao.transactionResult(null), "work");
        InvalidArguments.assertInvalid(() -> new TaskDao(null), "ctx");
    }

    private static void insertNamespace(TaskerDataAccess access, String name) {
        DaoErrors.run("insert namespace", () -> access.dsl().insertInto(TASKER_TASK_NAMESPACES)
                .set(TASKER_TASK_NAMESPACES.NAME, name)
                .set(TASKER_TASK_NAMESPACES.CREATED_AT, LocalDateTime.now())
                .set(TASKER_TASK_NAMESPACES.UPDATED_AT, LocalDateTime.now())
                .execute());
    }

    private long countNamespaces(String name) throws SQLException {
        return (Long) value("SELECT count(*) FROM tasker_task_namespaces WHERE name = ?", name);
    }
}
