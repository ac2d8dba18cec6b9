package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** B.2, B.4, B.6: create, create_unlogged, drop_queue, purge_queue, detach_archive, list_queues, types. */
class QueueManagementContractTest extends PgmqContract {

    @Test
    void createMakesQueueAndArchiveTablesWithTheSpecifiedColumns() throws SQLException {
        String queue = createQueue();

        Map<String, String> queueColumns = columns("q_" + queue);
        assertThat(queueColumns).containsEntry("msg_id", "bigint").containsEntry("read_ct", "integer")
                .containsEntry("enqueued_at", "timestamp with time zone")
                .containsEntry("vt", "timestamp with time zone").containsEntry("message", "jsonb")
                .containsEntry("headers", "jsonb");
        Map<String, String> archiveColumns = columns("a_" + queue);
        assertThat(archiveColumns).containsEntry("msg_id", "bigint").containsEntry("read_ct", "integer")
                .containsEntry("enqueued_at", "timestamp with time zone")
                .containsEntry("archived_at", "timestamp with time zone")
                .containsEntry("vt", "timestamp with time zone").containsEntry("message", "jsonb")
                .containsEntry("headers", "jsonb");
        if (atLeast(1, 10, 1)) {
            assertThat(queueColumns).containsEntry("last_read_at", "timestamp with time zone");
            assertThat(archiveColumns).containsEntry("last_read_at", "timestamp with time zone");
        }
        // NOT NULL / defaults of B.4
        assertThat(notNull("q_" + queue)).contains("msg_id", "read_ct", "enqueued_at", "vt")
                .doesNotContain("message", "headers", "last_read_at");
        assertThat(notNull("a_" + queue)).contains("msg_id", "read_ct", "enqueued_at", "archived_at", "vt")
                .doesNotContain("message", "headers", "last_read_at");
        assertThat(columnDefault("q_" + queue, "enqueued_at")).isEqualTo("now()");
        assertThat(columnDefault("q_" + queue, "read_ct")).isEqualTo("0");
        assertThat(columnDefault("q_" + queue, "vt")).isNull();
        assertThat(columnDefault("a_" + queue, "archived_at")).isEqualTo("now()");
    }

    @Test
    void queueTableHasAnAlwaysIdentityMsgIdWithTheNamedSequence() throws SQLException {
        String queue = createQueue();

        assertThat(scalar(db, "SELECT attidentity::text FROM pg_attribute "
                + "WHERE attrelid = ?::regclass AND attname = 'msg_id'", String.class, "pgmq.q_" + queue))
                .isEqualTo("a");
        assertThat(scalar(db, "SELECT pg_get_serial_sequence(?::text, 'msg_id')", String.class, "pgmq.q_" + queue))
                .isEqualTo("pgmq.q_" + queue + "_msg_id_seq");
        // The archive keeps the ids it is given: no identity there.
        assertThat(scalar(db, "SELECT attidentity::text FROM pg_attribute "
                + "WHERE attrelid = ?::regclass AND attname = 'msg_id'", String.class, "pgmq.a_" + queue))
                .isEmpty();
    }

    @Test
    void createMakesTheNamedIndexes() throws SQLException {
        String queue = createQueue();

        assertThat(indexes("q_" + queue)).containsKeys("q_" + queue + "_pkey", "q_" + queue + "_vt_idx");
        assertThat(indexes("q_" + queue).get("q_" + queue + "_vt_idx")).contains("(vt)");
        assertThat(indexes("a_" + queue)).containsKeys("a_" + queue + "_pkey", "archived_at_idx_" + queue);
        assertThat(indexes("a_" + queue).get("archived_at_idx_" + queue)).contains("(archived_at)");
        assertThat(primaryKeyColumns("q_" + queue)).isEqualTo("msg_id");
        assertThat(primaryKeyColumns("a_" + queue)).isEqualTo("msg_id");
    }

    @Test
    void archiveIndexKeepsTheCaseOfTheNameAsGiven() throws SQLException {
        String queue = track("CT_Mixed_" + randomSuffix(8));
        query(db, "SELECT pgmq.create(?::text)", queue);

        String lower = queue.toLowerCase(java.util.Locale.ROOT);
        assertThat(indexes("a_" + lower)).containsKey("archived_at_idx_" + queue);
        assertThat(indexes("q_" + lower)).containsKey("q_" + lower + "_vt_idx");
    }

    @Test
    void createInsertsAMetaRowWithTheNameAsGivenAndTransactionTime() throws SQLException {
        String queue = newQueueName();
        try (Connection tx = open()) {
            tx.setAutoCommit(false);
            Instant now = transactionNow(tx);
            query(tx, "SELECT pgmq.create(?::text)", queue);
            tx.commit();

            List<Row> meta = query(db, "SELECT * FROM pgmq.meta WHERE queue_name = ?::text", queue);
            assertThat(meta).hasSize(1);
            assertThat(meta.getFirst().bool("is_partitioned")).isFalse();
            assertThat(meta.getFirst().bool("is_unlogged")).isFalse();
            assertThat(meta.getFirst().instant("created_at")).isEqualTo(now);
        }
    }

    @Test
    void createIsIdempotentAndKeepsMessages() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{\"keep\":true}");

        query(db, "SELECT pgmq.create(?::text)", queue);
        query(db, "SELECT pgmq.create(?::text)", queue);

        assertThat(longValue(db, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?::text", queue)).isEqualTo(1);
        assertThat(queueRow(queue, id)).isNotNull();
        assertThat(queueCount(queue)).isEqualTo(1);
    }

    @Test
    void createNonPartitionedCreatesAQueueLikeCreate() throws SQLException {
        String queue = newQueueName();
        query(db, "SELECT pgmq.create_non_partitioned(?::text)", queue);

        assertThat(relationExists("pgmq.q_" + queue)).isTrue();
        assertThat(relationExists("pgmq.a_" + queue)).isTrue();
        assertThat(scalar(db, "SELECT is_partitioned FROM pgmq.meta WHERE queue_name = ?::text", Boolean.class, queue))
                .isFalse();
        assertThat(send(queue, "{}")).isPositive();
    }

    @Test
    void createUnloggedMakesOnlyTheQueueTableUnlogged() throws SQLException {
        String queue = newQueueName();
        query(db, "SELECT pgmq.create_unlogged(?::text)", queue);

        assertThat(persistence("pgmq.q_" + queue)).isEqualTo("u");
        assertThat(persistence("pgmq.a_" + queue)).isEqualTo("p");
        Row meta = query(db, "SELECT * FROM pgmq.meta WHERE queue_name = ?::text", queue).getFirst();
        assertThat(meta.bool("is_unlogged")).isTrue();
        assertThat(meta.bool("is_partitioned")).isFalse();
        assertThat(indexes("q_" + queue)).containsKeys("q_" + queue + "_pkey", "q_" + queue + "_vt_idx");
        assertThat(indexes("a_" + queue)).containsKey("archived_at_idx_" + queue);
        long id = send(queue, "{\"u\":1}");
        assertThat(read(queue, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void createUnloggedIsIdempotent() throws SQLException {
        String queue = newQueueName();
        query(db, "SELECT pgmq.create_unlogged(?::text)", queue);
        send(queue, "{}");
        query(db, "SELECT pgmq.create_unlogged(?::text)", queue);

        assertThat(longValue(db, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?::text", queue)).isEqualTo(1);
        assertThat(queueCount(queue)).isEqualTo(1);
    }

    @Test
    void createOnALoggedQueueLeavesItLogged() throws SQLException {
        String queue = createQueue();
        assertThat(persistence("pgmq.q_" + queue)).isEqualTo("p");
        assertThat(persistence("pgmq.a_" + queue)).isEqualTo("p");
    }

    @Test
    void dropQueueRemovesTablesAndMetaRowAndReturnsTrue() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");

        Result result = run(db, "SELECT pgmq.drop_queue(?::text) AS dropped", queue);

        assertThat(result.rows().getFirst().bool("dropped")).isTrue();
        assertThat(relationExists("pgmq.q_" + queue)).isFalse();
        assertThat(relationExists("pgmq.a_" + queue)).isFalse();
        assertThat(relationExists("pgmq.q_" + queue + "_msg_id_seq")).isFalse();
        assertThat(longValue(db, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?::text", queue)).isZero();
        assertThat(query(db, "SELECT * FROM pgmq.list_queues() WHERE queue_name = ?::text", queue)).isEmpty();
    }

    @Test
    void dropQueueOfAMissingQueueReturnsFalseWithANotice() throws SQLException {
        assumeAtLeast(1, 6, 0, "drop_queue returning false plus a NOTICE for a missing queue");
        String queue = newQueueName();

        Result result = run(db, "SELECT pgmq.drop_queue(?::text) AS dropped", queue);

        assertThat(result.rows().getFirst().bool("dropped")).isFalse();
        assertThat(result.notices()).contains(new Notice(NOTICE_STATE, "NOTICE",
                "pgmq queue `" + queue + "` does not exist"));
    }

    @Test
    void deprecatedTwoArgumentDropQueueWarnsDropsAndReturnsTrue() throws SQLException {
        String queue = createQueue();

        Result result = run(db, "SELECT pgmq.drop_queue(?::text, ?::boolean) AS dropped", queue, false);

        assertThat(result.rows().getFirst().bool("dropped")).isTrue();
        assertThat(relationExists("pgmq.q_" + queue)).isFalse();
        assertThat(relationExists("pgmq.a_" + queue)).isFalse();
        List<Notice> warnings = result.notices().stream().filter(n -> n.sqlState().equals(WARNING_STATE)).toList();
        assertThat(warnings).extracting(Notice::message)
                .anyMatch(m -> m.startsWith("drop_queue(queue_name, partitioned) is deprecated"));
        if (atLeast(1, 11, 0)) {
            assertThat(warnings).extracting(Notice::severity, Notice::message).contains(org.assertj.core.groups.Tuple
                    .tuple("WARNING", "drop_queue(queue_name, partitioned) is deprecated and will be removed in "
                            + "PGMQ v2.0. Use drop_queue(queue_name) instead"));
        }
    }

    @Test
    void deprecatedTwoArgumentDropQueueReturnsTrueEvenForAMissingQueue() throws SQLException {
        assumeAtLeast(1, 6, 0, "drop_queue returning false plus a NOTICE for a missing queue");
        String queue = newQueueName();

        Result result = run(db, "SELECT pgmq.drop_queue(?::text, ?::boolean) AS dropped", queue, false);

        assertThat(result.rows().getFirst().bool("dropped")).isTrue();
        assertThat(result.notices()).extracting(Notice::message)
                .contains("pgmq queue `" + queue + "` does not exist");
    }

    @Test
    void purgeQueueReturnsTheCountAndEmptiesOnlyTheQueueTable() throws SQLException {
        String queue = createQueue();
        long first = send(queue, "{\"n\":1}");
        send(queue, "{\"n\":2}");
        send(queue, "{\"n\":3}");
        sendDelayed(queue, "{\"n\":4}", 3600);
        assertThat(scalar(db, "SELECT pgmq.archive(?::text, ?::bigint)", Boolean.class, queue, first)).isTrue();

        long purged = longValue(db, "SELECT pgmq.purge_queue(?::text)", queue);

        assertThat(purged).isEqualTo(3);
        assertThat(queueCount(queue)).isZero();
        assertThat(archiveCount(queue)).isEqualTo(1);
        assertThat(archiveRow(queue, first)).isNotNull();
    }

    @Test
    void purgeQueueDoesNotResetTheIdentity() throws SQLException {
        String queue = createQueue();
        send(queue, "{}");
        long last = send(queue, "{}");

        assertThat(longValue(db, "SELECT pgmq.purge_queue(?::text)", queue)).isEqualTo(2);
        long next = send(queue, "{}");

        assertThat(next).isGreaterThan(last);
    }

    @Test
    void purgeOfAnEmptyQueueReturnsZero() throws SQLException {
        String queue = createQueue();
        assertThat(longValue(db, "SELECT pgmq.purge_queue(?::text)", queue)).isZero();
    }

    @Test
    void detachArchiveIsANoOpWithADeprecationWarning() throws SQLException {
        assumeAtLeast(1, 6, 0, "detach_archive as a no-op with a WARNING");
        String queue = createQueue();
        long id = send(queue, "{}");
        query(db, "SELECT pgmq.archive(?::text, ?::bigint)", queue, id);

        Result result = run(db, "SELECT pgmq.detach_archive(?::text)", queue);

        List<Notice> warnings = result.notices().stream().filter(n -> n.sqlState().equals(WARNING_STATE)).toList();
        assertThat(warnings).extracting(Notice::message)
                .anyMatch(m -> m.startsWith("detach_archive(queue_name) is deprecated"));
        if (atLeast(1, 11, 0)) {
            assertThat(warnings).extracting(Notice::message).contains("detach_archive(queue_name) is deprecated and "
                    + "is a no-op. It will be removed in PGMQ v2.0. Archive tables are no longer member objects.");
        }
        assertThat(relationExists("pgmq.a_" + queue)).isTrue();
        assertThat(archiveRow(queue, id)).isNotNull();
        // still an ordinary part of the queue: drop_queue removes it
        query(db, "SELECT pgmq.drop_queue(?::text)", queue);
        assertThat(relationExists("pgmq.a_" + queue)).isFalse();
    }

    @Test
    void listQueuesShowsEveryQueueWithItsMetaFields() throws SQLException {
        String logged = createQueue();
        String unlogged = newQueueName();
        query(db, "SELECT pgmq.create_unlogged(?::text)", unlogged);

        List<Row> rows = query(db, "SELECT * FROM pgmq.list_queues()");

        assertThat(rows.getFirst().columns()).containsExactly("queue_name", "is_partitioned", "is_unlogged",
                "created_at");
        Map<String, Row> byName = rows.stream().collect(Collectors.toMap(r -> r.text("queue_name"), r -> r));
        assertThat(byName).containsKeys(logged, unlogged);
        assertThat(byName.get(logged).bool("is_unlogged")).isFalse();
        assertThat(byName.get(logged).bool("is_partitioned")).isFalse();
        assertThat(byName.get(unlogged).bool("is_unlogged")).isTrue();
        assertThat(byName.get(logged).instant("created_at")).isNotNull();
    }

    @Test
    void listQueuesNoLongerShowsADroppedQueue() throws SQLException {
        String queue = createQueue();
        query(db, "SELECT pgmq.drop_queue(?::text)", queue);

        assertThat(query(db, "SELECT * FROM pgmq.list_queues()")).extracting(r -> r.text("queue_name"))
                .doesNotContain(queue);
    }

    @Test
    void messageRecordHasTheFieldsOfTheInstalledVersionInOrder() throws SQLException {
        List<String> expected = hasLastReadAt()
                ? List.of("msg_id", "read_ct", "enqueued_at", "last_read_at", "vt", "message", "headers")
                : List.of("msg_id", "read_ct", "enqueued_at", "vt", "message", "headers");
        assertThat(typeFields("message_record")).isEqualTo(expected);

        String queue = createQueue();
        send(queue, "{}");
        assertThat(read(queue, 30, 1).getFirst().columns()).isEqualTo(expected);
    }

    @Test
    void queueRecordAndMetricsResultHaveTheSpecifiedFields() throws SQLException {
        assertThat(typeFields("queue_record")).containsExactly("queue_name", "is_partitioned", "is_unlogged",
                "created_at");
        assertThat(typeFields("metrics_result")).startsWith("queue_name", "queue_length", "newest_msg_age_sec",
                "oldest_msg_age_sec", "total_messages", "scrape_time", "queue_visible_length");
    }

    @Test
    void createPartitionedWithoutPgPartmanFails() throws SQLException {
        Assumptions.assumeFalse(scalar(db, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_partman')",
                Boolean.class), "pg_partman is installed in this database, so create_partitioned would succeed");
        String queue = newQueueName();

        PgError error = expectError(db, "SELECT pgmq.create_partitioned(?::text)", queue);

        assertThat(error.message()).isEqualTo("pg_partman is required for partitioned queues");
    }

    // ------------------------------------------------------------------------------------------------------------

    private Map<String, String> columns(String table) throws SQLException {
        return query(db, "SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ?::text", table).stream()
                .collect(Collectors.toMap(r -> r.text("name"), r -> r.text("type")));
    }

    private List<String> notNull(String table) throws SQLException {
        return query(db, "SELECT column_name::text AS name FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ?::text AND is_nullable = 'NO'", table).stream()
                .map(r -> r.text("name")).toList();
    }

    private String columnDefault(String table, String column) throws SQLException {
        List<Row> rows = query(db, "SELECT column_default::text AS d FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ?::text AND column_name = ?::text", table, column);
        assertThat(rows).as("column %s.%s", table, column).hasSize(1);
        return rows.getFirst().text("d");
    }

    private Map<String, String> indexes(String table) throws SQLException {
        return query(db, "SELECT indexname::text AS name, indexdef::text AS def FROM pg_indexes "
                + "WHERE schemaname = 'pgmq' AND tablename = ?::text", table).stream()
                .collect(Collectors.toMap(r -> r.text("name"), r -> r.text("def")));
    }

    private String primaryKeyColumns(String table) throws SQLException {
        return scalar(db, "SELECT string_agg(a.attname::text, ',' ORDER BY a.attnum) FROM pg_index i "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                + "WHERE i.indrelid = ?::regclass AND i.indisprimary", String.class,
                "pgmq." + quoteIdent(table));
    }

    private String persistence(String relation) throws SQLException {
        return scalar(db, "SELECT relpersistence::text FROM pg_class WHERE oid = ?::regclass", String.class, relation);
    }

    private List<String> typeFields(String type) throws SQLException {
        return query(db, "SELECT a.attname::text AS name FROM pg_attribute a "
                + "WHERE a.attrelid = (SELECT typrelid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = 'pgmq' AND t.typname = ?::text) AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum", type).stream().map(r -> r.text("name")).toList();
    }
}
