package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * B.11.1: FIFO message groups (1.9.0+): {@code read_grouped} (SQS-FIFO batch filling), {@code read_grouped_rr}
 * (round robin), their {@code _with_poll} forms and the FIFO indexes. Group names are random per test because
 * {@code read_grouped_rr}'s advisory locks are keyed by the group name alone, across queues.
 */
class FifoReadContractTest extends PgmqContract {

    private static final String READ_GROUPED = "SELECT * FROM pgmq.read_grouped(?::text, ?::int, ?::int)";
    private static final String READ_GROUPED_RR = "SELECT * FROM pgmq.read_grouped_rr(?::text, ?::int, ?::int)";

    private String a;
    private String b;
    private String c;

    @BeforeEach
    void needsFifo() {
        assumeAtLeast(1, 9, 0, "FIFO grouped reads");
        String prefix = "ct_" + randomSuffix(8) + "_";
        a = prefix + "a";
        b = prefix + "b";
        c = prefix + "c";
    }

    // ------------------------------------------------------------------------------------------------------------
    // read_grouped

    @Test
    void readGroupedFillsTheBatchFromTheGroupWithTheOldestHeadFirst() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        long a2 = sendTo(queue, a);
        long b1 = sendTo(queue, b);
        long a3 = sendTo(queue, a);
        sendTo(queue, b);
        sendTo(queue, c);

        List<Row> rows = query(db, READ_GROUPED, queue, 30, 4);

        // the row order of read_grouped is not specified (pgmq returns its UPDATE's rows as they come)
        assertThat(ids(rows)).containsExactlyInAnyOrder(a1, a2, a3, b1);
        Instant now = serverClock();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getInt("read_ct")).isEqualTo(1);
            assertThat(row.instant("vt")).isAfter(now.plusSeconds(20));
        });
        if (hasLastReadAt()) {
            assertThat(rows).allSatisfy(row -> assertThat(row.instant("last_read_at")).isNotNull());
        }
    }

    @Test
    void readGroupedSkipsAGroupWhileAnOlderMessageOfItIsInvisible() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        long a2 = sendTo(queue, a);
        long b1 = sendTo(queue, b);
        assertThat(ids(query(db, READ_GROUPED, queue, 30, 1))).containsExactly(a1);

        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).as("a2 waits for a1").containsExactly(b1);

        query(db, "SELECT pgmq.delete(?::text, ?::bigint)", queue, a1);
        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).containsExactly(a2);
    }

    @Test
    void readGroupedTreatsADelayedOlderMessageAsInFlight() throws SQLException {
        String queue = createQueue();
        longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::int)", queue, "{}", group(a), 300);
        sendTo(queue, a);
        long b1 = sendTo(queue, b);

        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).containsExactly(b1);
    }

    @Test
    void messagesWithoutAGroupShareTheDefaultGroupButAnEmptyNameIsAGroupOfItsOwn() throws SQLException {
        String queue = createQueue();
        long noHeader = send(queue, "{}");
        long emptyName = sendWithHeaders(queue, "{}", "{\"x-pgmq-group\": \"\"}");
        long jsonNull = sendWithHeaders(queue, "{}", "{\"x-pgmq-group\": null}");
        assertThat(ids(query(db, READ_GROUPED, queue, 30, 1))).containsExactly(noHeader);

        List<Row> rows = query(db, READ_GROUPED, queue, 30, 10);

        assertThat(ids(rows)).as("the JSON null waits behind the header-less message").containsExactly(emptyName);
        query(db, "SELECT pgmq.delete(?::text, ?::bigint)", queue, noHeader);
        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).containsExactly(jsonNull);
    }

    @Test
    void readGroupedDropsAGroupWhoseHeadAnotherTransactionHoldsLocked() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        sendTo(queue, a);
        long b1 = sendTo(queue, b);
        long b2 = sendTo(queue, b);
        Connection holder = open();
        holder.setAutoCommit(false);
        query(holder, "SELECT msg_id FROM pgmq." + quoteIdent("q_" + queue) + " WHERE msg_id = ?::bigint FOR UPDATE",
                a1);

        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).containsExactly(b1, b2);
        holder.rollback();
    }

    @Test
    void aReadGroupedTransactionHoldsEveryGroupHeadLockedUntilItEnds() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        long a2 = sendTo(queue, a);
        long b1 = sendTo(queue, b);
        Connection first = open();
        Connection second = open();
        first.setAutoCommit(false);
        second.setAutoCommit(false);

        assertThat(ids(query(first, READ_GROUPED, queue, 30, 1))).containsExactly(a1);
        assertThat(query(second, READ_GROUPED, queue, 30, 10)).as("the heads of a and b are locked by the first")
                .isEmpty();
        first.commit();
        second.commit();

        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).as("a2 still waits for a1").containsExactly(b1);
        query(db, "SELECT pgmq.delete(?::text, ?::bigint)", queue, a1);
        assertThat(ids(query(db, READ_GROUPED, queue, 30, 10))).containsExactly(a2);
    }

    @Test
    void readGroupedWithZeroQuantityReturnsNothing() throws SQLException {
        String queue = createQueue();
        sendTo(queue, a);

        assertThat(query(db, READ_GROUPED, queue, 30, 0)).isEmpty();
        assertThat(query(db, READ_GROUPED_RR, queue, 30, 0)).isEmpty();
        assertThat(read(queue, 30, 10)).as("nothing was claimed").hasSize(1);
    }

    @Test
    void groupedReadsOfAMissingQueueFailWithUndefinedTable() {
        String queue = "ct_nope_" + randomSuffix(8);

        assertThat(expectError(db, READ_GROUPED, queue, 30, 1).sqlState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(expectError(db, READ_GROUPED_RR, queue, 30, 1).sqlState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(expectError(db, READ_GROUPED, "ct_a;b", 30, 1).message()).isEqualTo(INVALID_CHARACTERS);
    }

    // ------------------------------------------------------------------------------------------------------------
    // read_grouped_rr

    @Test
    void readGroupedRrTakesOneMessagePerGroupInLayersInSelectionOrder() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        long a2 = sendTo(queue, a);
        long b1 = sendTo(queue, b);
        long a3 = sendTo(queue, a);
        long c1 = sendTo(queue, c);
        long b2 = sendTo(queue, b);

        List<Row> rows = query(db, READ_GROUPED_RR, queue, 30, 5);

        assertThat(ids(rows)).containsExactly(a1, b1, c1, a2, b2);
        assertThat(ids(query(db, READ_GROUPED_RR, queue, 30, 5))).as("a3 waits for a1 and a2").isEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.getInt("read_ct")).isEqualTo(1));
        query(db, "SELECT pgmq.delete(?::text, ?::bigint[])", queue, bigintArray(db, a1, a2));
        assertThat(ids(query(db, READ_GROUPED_RR, queue, 30, 5))).containsExactly(a3);
    }

    @Test
    void readGroupedRrSkipsAGroupWhoseOldestMessageIsInvisible() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        sendTo(queue, a);
        long b1 = sendTo(queue, b);
        query(db, "SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::int)", queue, a1, 300);

        assertThat(ids(query(db, READ_GROUPED_RR, queue, 30, 10))).containsExactly(b1);
    }

    @Test
    void readGroupedRrHoldsAnAdvisoryLockPerGroupUntilTheTransactionEnds() throws SQLException {
        String queue = createQueue();
        long a1 = sendTo(queue, a);
        long a2 = sendTo(queue, a);
        long b1 = sendTo(queue, b);
        Connection first = open();
        first.setAutoCommit(false);

        assertThat(ids(query(first, READ_GROUPED_RR, queue, 30, 1))).containsExactly(a1);
        int firstPid = scalar(first, "SELECT pg_backend_pid()", Integer.class);
        for (String group : List.of(a, b)) {
            assertThat(scalar(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = ?::int "
                    + "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?::text, 0)",
                    Long.class, firstPid, group)).as("advisory lock of group " + group).isEqualTo(1L);
        }
        assertThat(query(db, READ_GROUPED_RR, queue, 30, 10)).as("both groups are locked by the first reader")
                .isEmpty();

        first.commit();
        assertThat(ids(query(db, READ_GROUPED_RR, queue, 30, 10))).containsExactly(b1);
        assertThat(queueRow(queue, a2).getInt("read_ct")).isZero();
    }

    // ------------------------------------------------------------------------------------------------------------
    // polling

    @Test
    void withPollFormsReturnAtOnceWhenAGroupIsReady() throws SQLException {
        for (String function : List.of("read_grouped_with_poll", "read_grouped_rr_with_poll")) {
            String queue = createQueue();
            long a1 = sendTo(queue, a);

            List<Row> rows = query(db, "SELECT * FROM pgmq." + function + "(?::text, ?::int, ?::int, ?::int, ?::int)",
                    queue, 30, 5, 10, 50);

            assertThat(ids(rows)).as(function).containsExactly(a1);
        }
    }

    @Test
    void withPollFormsWaitForADelayedMessage() throws SQLException {
        for (String function : List.of("read_grouped_with_poll", "read_grouped_rr_with_poll")) {
            String queue = createQueue();
            long delayed = longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::int)", queue, "{}",
                    group(a), 1);
            Instant visibleAt = queueRow(queue, delayed).instant("vt");

            List<Row> rows = query(db, "SELECT * FROM pgmq." + function + "(?::text, ?::int, ?::int, ?::int, ?::int)",
                    queue, 30, 5, 10, 50);

            assertThat(ids(rows)).as(function).containsExactly(delayed);
            assertThat(serverClock()).as(function + " returned only once the message was visible")
                    .isAfterOrEqualTo(visibleAt);
        }
    }

    @Test
    void withPollFormsWithoutTimeReturnNothingWithoutReading() throws SQLException {
        for (String function : List.of("read_grouped_with_poll", "read_grouped_rr_with_poll")) {
            String queue = createQueue();
            long a1 = sendTo(queue, a);

            List<Row> rows = query(db, "SELECT * FROM pgmq." + function + "(?::text, ?::int, ?::int, ?::int, ?::int)",
                    queue, 30, 5, 0, 50);

            assertThat(rows).as(function).isEmpty();
            assertThat(queueRow(queue, a1).getInt("read_ct")).isZero();
        }
    }

    @Test
    void withPollFormsDefaultToFiveSecondsAndOneHundredMilliseconds() throws SQLException {
        for (String function : List.of("read_grouped_with_poll", "read_grouped_rr_with_poll")) {
            String arguments = scalar(db, "SELECT pg_get_function_arguments(?::text::regprocedure)", String.class,
                    "pgmq." + function + "(text,integer,integer,integer,integer)");
            assertThat(arguments).as(function).isEqualTo("queue_name text, vt integer, qty integer, "
                    + "max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // FIFO indexes

    @Test
    void createFifoIndexAddsAGinIndexOnHeadersOnce() throws SQLException {
        String queue = createQueue();

        query(db, "SELECT pgmq.create_fifo_index(?::text)", queue);
        query(db, "SELECT pgmq.create_fifo_index(?::text)", queue);

        List<Row> indexes = query(db, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'pgmq' "
                + "AND indexname = ?::text", "q_" + queue + "_fifo_idx");
        assertThat(indexes).hasSize(1);
        assertThat(indexes.getFirst().text("indexdef")).contains("USING gin (headers)");
    }

    @Test
    void createFifoIndexesAllCoversEveryQueue() throws SQLException {
        String first = createQueue();
        String second = createQueue();

        query(db, "SELECT pgmq.create_fifo_indexes_all()");

        for (String queue : List.of(first, second)) {
            assertThat(relationExists("pgmq." + quoteIdent("q_" + queue + "_fifo_idx"))).as(queue).isTrue();
        }
    }

    @Test
    void createFifoIndexOfAMissingQueueFails() {
        PgError error = expectError(db, "SELECT pgmq.create_fifo_index(?::text)", "ct_nope_" + randomSuffix(8));

        assertThat(error.sqlState()).isEqualTo(UNDEFINED_TABLE);
    }

    // ------------------------------------------------------------------------------------------------------------

    private long sendTo(String queue, String groupName) throws SQLException {
        return sendWithHeaders(queue, "{\"group\": \"" + groupName + "\"}", group(groupName));
    }

    private static String group(String name) {
        return "{\"x-pgmq-group\": \"" + name + "\"}";
    }

    private static List<Long> ids(List<Row> rows) {
        return rows.stream().map(row -> row.getLong("msg_id")).toList();
    }
}
