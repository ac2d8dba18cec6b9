package dev.tasker.dao.tasker.dlq;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowMatches;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DlqDao}: typed entries, every filter in one query, get, resolve (pending only), create. */
class DlqDaoTest extends TaskerDaoTest {

    private static final String REASON_COMPONENT = "reason";

    private WorkflowData data;
    private UUID first;
    private UUID second;
    private UUID third;
    private UUID stalePending;
    private UUID resolvedEarlier;
    private UUID cancelled;
    private UUID manual;

    @BeforeAll
    void arrange() throws SQLException {
        fixtures.truncateAll();
        data = new WorkflowData(db, fixtures, null);
        first = data.task(0, "pending", "waiting_for_retry");
        second = data.task(0, "pending", "steps_in_process");
        third = data.task(0, "pending", "waiting_for_dependencies");
        stalePending = entry(first, "waiting_for_retry", "staleness_timeout", "pending", 180);
        resolvedEarlier = entry(second, "steps_in_process", "max_retries_exceeded", "manually_resolved", 120);
        data.execute("UPDATE tasker_tasks_dlq SET resolution_timestamp = now() - interval '1 hour',"
                + " resolution_notes = 'fixed upstream', resolved_by = 'ops' WHERE dlq_entry_uuid = ?", resolvedEarlier);
        cancelled = entry(third, "waiting_for_dependencies", "staleness_timeout", "cancelled", 60);
        manual = entry(first, "waiting_for_retry", "manual_dlq", "permanently_failed", 30);
    }

    /** A DLQ row put in {@code minutesAgo} minutes ago, with a snapshot and metadata. */
    private UUID entry(UUID task, String state, String reason, String status, int minutesAgo) throws SQLException {
        return (UUID) value("INSERT INTO tasker_tasks_dlq (task_uuid, original_state, dlq_reason, resolution_status,"
                + " dlq_timestamp, task_snapshot, metadata) VALUES (?, ?, ?::text::dlq_reason,"
                + " ?::text::dlq_resolution_status, now() - make_interval(mins => ?),"
                + " jsonb_build_object('task_uuid', ?::text), '{\"source\": \"test\"}')"
                + " RETURNING dlq_entry_uuid", task, state, reason, status, minutesAgo, task.toString());
    }

    /** The arranged entries among those {@code filter} lists (other tests add entries of their own). */
    private List<UUID> listed(DlqFilter filter) {
        List<UUID> arranged = List.of(stalePending, resolvedEarlier, cancelled, manual);
        return dao.dlq().list(filter).stream().map(DlqEntry::dlqEntryUuid).filter(arranged::contains).toList();
    }

    @Test
    void listingAllMapsEveryColumnNewestFirst() throws SQLException {
        List<DlqEntry> everything = dao.dlq().list(DlqFilter.all());

        assertRowsMatch(everything, rows("SELECT * FROM tasker_tasks_dlq ORDER BY dlq_timestamp DESC,"
                + " dlq_entry_uuid DESC LIMIT 100"), REASON_COMPONENT, "dlq_reason");
        List<DlqEntry> all = everything.stream().filter(entry -> entry.taskUuid().equals(first)
                || entry.taskUuid().equals(second) || entry.taskUuid().equals(third)).toList();
        assertThat(all).extracting(DlqEntry::dlqEntryUuid).containsExactly(manual, cancelled, resolvedEarlier,
                stalePending);
        DlqEntry resolved = all.get(2);
        assertThat(resolved.reason()).isEqualTo(DlqReason.MAX_RETRIES_EXCEEDED);
        assertThat(resolved.resolutionStatus()).isEqualTo(DlqResolutionStatus.MANUALLY_RESOLVED);
        assertThat(resolved.originalState()).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(resolved.resolvedBy()).contains("ops");
        assertThat(resolved.resolutionNotes()).contains("fixed upstream");
        assertThat(resolved.resolutionTimestamp()).isPresent();
        assertThat(all.get(3).resolutionTimestamp()).isEmpty();
        assertThat(all.get(3).metadata().orElseThrow().data()).isEqualTo("{\"source\": \"test\"}");
    }

    @Test
    void everyFilterNarrowsTheList() throws SQLException {
        assertThat(listed(DlqFilter.all().withResolutionStatus(DlqResolutionStatus.PENDING)))
                .containsExactly(stalePending);
        assertThat(listed(DlqFilter.all().withReason(DlqReason.STALENESS_TIMEOUT)))
                .containsExactly(cancelled, stalePending);
        assertThat(listed(DlqFilter.all().withTask(first))).containsExactly(manual, stalePending);
        assertThat(listed(DlqFilter.all().withTask(first).withReason(DlqReason.MANUAL_DLQ)))
                .containsExactly(manual);
        Timestamp ninetyMinutesAgo = (Timestamp) value("SELECT localtimestamp - interval '90 minutes'");
        assertThat(listed(DlqFilter.all().withSince(ninetyMinutesAgo.toLocalDateTime())))
                .containsExactly(manual, cancelled);
        assertThat(listed(DlqFilter.all().withTask(first).withPage(1, 1))).containsExactly(stalePending);
        assertThat(listed(DlqFilter.all().withTask(first).withPage(1, 0))).containsExactly(manual);
        assertThat(listed(DlqFilter.all().withPage(0, 0))).isEmpty();
    }

    @Test
    void aListIsOneQueryWhateverTheFilters() {
        StatementCounter counter = new StatementCounter(dataSource);
        DlqDao counted = TaskerDataAccess.using(counter.dsl()).dlq();
        counted.list(DlqFilter.all().withTask(first).withReason(DlqReason.MANUAL_DLQ)
                .withResolutionStatus(DlqResolutionStatus.PERMANENTLY_FAILED).withSince(java.time.LocalDateTime.of(2000, 1,
                        1, 0, 0)).withPage(5, 0));
        assertThat(counter.count()).isEqualTo(1);
    }

    @Test
    void getAndPendingOfATask() throws SQLException {
        DlqEntry found = dao.dlq().find(resolvedEarlier).orElseThrow();
        assertRowMatches(found, row("SELECT * FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", resolvedEarlier),
                REASON_COMPONENT, "dlq_reason");
        assertThat(dao.dlq().find(UUID.randomUUID())).isEmpty();
        assertThat(dao.dlq().findPending(first)).map(DlqEntry::dlqEntryUuid).contains(stalePending);
        assertThat(dao.dlq().findPending(third)).as("only a cancelled entry").isEmpty();
    }

    @Test
    void resolvingAPendingEntryStampsItAndASecondResolutionIsRefused() throws SQLException {
        UUID task = data.task(0, "pending", "waiting_for_retry");
        UUID entry = entry(task, "waiting_for_retry", "worker_unavailable", "pending", 10);

        DlqEntry resolved = dao.dlq().resolve(entry, DlqResolutionStatus.PERMANENTLY_FAILED, "alice", "gave up");

        Map<String, Object> stored = row("SELECT resolution_status::text AS status, resolved_by, resolution_notes,"
                + " resolution_timestamp, updated_at > created_at AS touched FROM tasker_tasks_dlq"
                + " WHERE dlq_entry_uuid = ?", entry);
        assertThat(stored).containsEntry("status", "permanently_failed").containsEntry("resolved_by", "alice")
                .containsEntry("resolution_notes", "gave up").containsEntry("touched", true);
        assertThat(resolved.resolutionStatus()).isEqualTo(DlqResolutionStatus.PERMANENTLY_FAILED);
        assertThat(resolved.resolvedBy()).contains("alice");
        assertThat(resolved.resolutionNotes()).contains("gave up");
        assertThat(resolved.resolutionTimestamp()).contains(((Timestamp) stored.get("resolution_timestamp"))
                .toLocalDateTime());
        assertThat(resolved).isEqualTo(dao.dlq().find(entry).orElseThrow());

        assertThatThrownBy(() -> dao.dlq().resolve(entry, DlqResolutionStatus.CANCELLED, "bob", null))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.id()).isEqualTo(entry))
                .hasMessageContaining("already permanently_failed");
        assertThat(value("SELECT resolved_by FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", entry))
                .as("unchanged").isEqualTo("alice");
    }

    @Test
    void resolvingWithoutNotesLeavesThemEmpty() throws SQLException {
        UUID task = data.task(0, "pending", "waiting_for_retry");
        UUID entry = entry(task, "waiting_for_retry", "staleness_timeout", "pending", 5);
        assertThat(dao.dlq().resolve(entry, DlqResolutionStatus.CANCELLED, "carol", null).resolutionNotes())
                .isEmpty();
        assertThat(value("SELECT resolution_notes FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", entry)).isNull();
    }

    @Test
    void resolvingAMissingEntryIsNotFoundAndBadResolutionsAreRefused() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.dlq().resolve(missing, DlqResolutionStatus.CANCELLED, "bob", null))
                .isInstanceOfSatisfying(NotFoundException.class, notFound -> assertThat(notFound.id())
                        .isEqualTo(missing));
        assertInvalid(() -> dao.dlq().resolve(stalePending, DlqResolutionStatus.PENDING, "bob", null), "status");
        assertInvalid(() -> dao.dlq().resolve(stalePending, null, "bob", null), "status");
        assertInvalid(() -> dao.dlq().resolve(stalePending, DlqResolutionStatus.CANCELLED, " ", null), "resolvedBy");
        assertInvalid(() -> dao.dlq().resolve(stalePending, DlqResolutionStatus.CANCELLED, "x".repeat(256), null),
                "resolvedBy");
        assertInvalid(() -> dao.dlq().resolve(null, DlqResolutionStatus.CANCELLED, "bob", null), "dlqEntryUuid");
        assertThat(dao.dlq().find(stalePending).orElseThrow().resolutionStatus())
                .isEqualTo(DlqResolutionStatus.PENDING);
    }

    @Test
    void creatingAnEntryWritesTheSnapshotAndASecondPendingOneIsNotCreated() throws SQLException {
        UUID task = data.task(4, "pending", "waiting_for_retry");
        NewDlqEntry request = new NewDlqEntry(task, data.namespaceName, data.taskName, TaskState.WAITING_FOR_RETRY,
                45, 30, DlqReason.MAX_RETRIES_EXCEEDED);

        UUID created = dao.dlq().create(request).orElseThrow();

        assertThat(row("SELECT task_uuid, original_state, dlq_reason::text AS reason,"
                + " resolution_status::text AS status, task_snapshot ->> 'namespace' AS namespace,"
                + " task_snapshot ->> 'task_name' AS task_name, (task_snapshot -> 'task_details' ->> 'priority')::int"
                + " AS priority, (metadata ->> 'threshold_minutes')::int AS threshold FROM tasker_tasks_dlq"
                + " WHERE dlq_entry_uuid = ?", created))
                .containsEntry("task_uuid", task).containsEntry("original_state", "waiting_for_retry")
                .containsEntry("reason", "max_retries_exceeded").containsEntry("status", "pending")
                .containsEntry("namespace", data.namespaceName).containsEntry("task_name", data.taskName)
                .containsEntry("priority", 4).containsEntry("threshold", 30);
        assertThat(dao.dlq().create(request)).as("a pending entry exists").isEmpty();
        assertThat(value("SELECT count(*) FROM tasker_tasks_dlq WHERE task_uuid = ?", task)).isEqualTo(1L);
    }

    @Test
    void creatingAnEntryForAMissingTaskIsNotFound() throws SQLException {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> dao.dlq().create(new NewDlqEntry(missing, "ns", "task", TaskState.ERROR, 1, 1,
                DlqReason.MANUAL_DLQ))).isInstanceOfSatisfying(NotFoundException.class,
                        notFound -> assertThat(notFound.id()).isEqualTo(missing));
        assertThat(value("SELECT count(*) FROM tasker_tasks_dlq WHERE task_uuid = ?", missing)).isEqualTo(0L);
    }

    @Test
    void badRequestsAndFiltersAreRefusedByName() {
        assertInvalid(() -> new NewDlqEntry(first, " ", "t", TaskState.ERROR, 1, 1, DlqReason.MANUAL_DLQ),
                "namespaceName");
        assertInvalid(() -> new NewDlqEntry(first, "n", "t", TaskState.ERROR, -1, 1, DlqReason.MANUAL_DLQ),
                "timeInStateMinutes");
        assertInvalid(() -> new NewDlqEntry(first, "n", "t", TaskState.ERROR, 1, 1, null), "reason");
        assertInvalid(() -> dao.dlq().create(null), "entry");
        assertInvalid(() -> DlqFilter.all().withPage(-1, 0), "limit");
        assertInvalid(() -> DlqFilter.all().withPage(1, -1), "offset");
        assertInvalid(() -> DlqFilter.all().withTask(null), "taskUuid");
        assertInvalid(() -> dao.dlq().list(null), "filter");
        assertInvalid(() -> dao.dlq().find(null), "dlqEntryUuid");
    }

    @Test
    void theEnumsSpellTheDatabaseLabelsInOrder() throws SQLException {
        assertThat(Arrays.stream(DlqReason.values()).map(DlqReason::databaseValue).toList()).isEqualTo(
                rows("SELECT unnest(enum_range(NULL::dlq_reason))::text AS label").stream()
                        .map(label -> label.get("label")).toList());
        assertThat(Arrays.stream(DlqResolutionStatus.values()).map(DlqResolutionStatus::databaseValue).toList())
                .isEqualTo(rows("SELECT unnest(enum_range(NULL::dlq_resolution_status))::text AS label").stream()
                        .map(label -> label.get("label")).toList());
        Arrays.stream(DlqReason.values()).forEach(reason -> {
            assertThat(reason.generated().getLiteral()).isEqualTo(reason.databaseValue());
            assertThat(DlqReason.of(reason.generated())).isEqualTo(reason);
        });
        Arrays.stream(DlqResolutionStatus.values()).forEach(status ->
                assertThat(DlqResolutionStatus.of(status.generated())).isEqualTo(status));
        assertInvalid(() -> DlqReason.fromDatabase("bored"), "dlq reason");
        assertInvalid(() -> StalenessHealth.fromDatabase("sick"), "staleness health status");
        assertInvalid(() -> StaleTaskAction.fromDatabase("nothing"), "stale task action");
    }
}
