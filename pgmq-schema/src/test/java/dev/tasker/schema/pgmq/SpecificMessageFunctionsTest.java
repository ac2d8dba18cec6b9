package dev.tasker.schema.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * pgmq_read_specific_message, pgmq_delete_specific_message and pgmq_extend_vt_specific_message on real queues
 * (pgmq-api.md A.3.6-A.3.8).
 */
class SpecificMessageFunctionsTest extends PgmqSchemaTest {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final long NO_SUCH_MESSAGE = 9_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------------------------------------------------
    // read

    @Test
    @DisplayName("read: returns the visible message and claims it (read_ct + 1, vt = now() + vt_seconds)")
    void readReturnsAndClaimsTheMessage() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = send(queue, "{\"task\": \"a\", \"n\": 1}");

        Map<String, Object> read = row("SELECT r.*, now() AS tx_now FROM pgmq_read_specific_message(?::text, "
                + "?::bigint, ?::integer) AS r", queue, msgId, 45);

        assertThat(read.keySet()).containsExactly("msg_id", "read_ct", "enqueued_at", "vt", "message", "tx_now");
        assertThat(read.get("msg_id")).isEqualTo(msgId);
        assertThat(read.get("read_ct")).isEqualTo(1);
        assertThat(Duration.between(instant(read, "tx_now"), instant(read, "vt"))).isEqualTo(Duration.ofSeconds(45));
        assertThat(JSON.readTree(read.get("message").toString()))
                .isEqualTo(JSON.readTree("{\"task\": \"a\", \"n\": 1}"));
        Map<String, Object> stored = stored(queue, msgId);
        assertThat(stored.get("read_ct")).isEqualTo(1);
        assertThat(stored.get("vt")).isEqualTo(read.get("vt"));
        assertThat(stored.get("enqueued_at")).isEqualTo(read.get("enqueued_at"));
    }

    @Test
    @DisplayName("read: vt_seconds defaults to 30")
    void readDefaultsToThirtySeconds() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = send(queue, "{}");

        Map<String, Object> read = row("SELECT r.vt, now() AS tx_now FROM pgmq_read_specific_message(?::text, "
                + "?::bigint) AS r", queue, msgId);

        assertThat(Duration.between(instant(read, "tx_now"), instant(read, "vt"))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("read: a second read within the visibility timeout returns no row (already claimed)")
    void aSecondReadWithinVtReturnsNoRow() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = send(queue, "{}");
        readSpecific(queue, msgId, 30);

        List<Map<String, Object>> again = readSpecific(queue, msgId, 30);

        assertThat(again).isEmpty();
        assertThat(stored(queue, msgId).get("read_ct")).isEqualTo(1);
    }

    @Test
    @DisplayName("read: once the visibility timeout has passed the message can be claimed again (read_ct 2)")
    void aMessageIsClaimableAgainAfterItsVt() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = send(queue, "{}");
        readSpecific(queue, msgId, 0); // vt = now() of that transaction, already passed for the next one

        List<Map<String, Object>> again = readSpecific(queue, msgId, 30);

        assertThat(again).hasSize(1);
        assertThat(again.getFirst().get("read_ct")).isEqualTo(2);
    }

    @Test
    @DisplayName("read: visibility is judged at now(), the reading transaction's start, not clock_timestamp() (kept)")
    void readJudgesVisibilityAtTransactionStart() throws Exception {
        String queue = createQueue(unique("read_"));
        db.setAutoCommit(false);
        Instant started = instant(row("SELECT now() AS tx_now"), "tx_now");
        long msgId;
        try (Connection sender = endpoint.connect()) {
            // committed after the reading transaction began: vt (its send time) lies after that transaction's now()
            msgId = ((Number) rows(sender, "SELECT pgmq.send(?::text, '{}'::jsonb) AS id", queue).getFirst().get("id"))
                    .longValue();
        }
        assertThat(instant(stored(queue, msgId), "vt")).isAfter(started);

        assertThat(readSpecific(queue, msgId, 30)).as("read in the transaction that began before the send").isEmpty();
        db.commit();
        db.setAutoCommit(true);

        assertThat(readSpecific(queue, msgId, 30)).as("read in a later transaction").hasSize(1);
    }

    @Test
    @DisplayName("read: a message still delayed by its send is not returned")
    void aDelayedMessageIsNotReturned() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = ((Number) value("SELECT pgmq.send(?::text, '{}'::jsonb, 60)", queue)).longValue();

        assertThat(readSpecific(queue, msgId, 30)).isEmpty();
        assertThat(stored(queue, msgId).get("read_ct")).isEqualTo(0);
    }

    @Test
    @DisplayName("read: a message that never existed or was deleted gives no row")
    void aMissingMessageGivesNoRow() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = send(queue, "{}");
        rows("SELECT pgmq.delete(?::text, ?::bigint)", queue, msgId);

        assertThat(readSpecific(queue, msgId, 30)).isEmpty();
        assertThat(readSpecific(queue, NO_SUCH_MESSAGE, 30)).isEmpty();
    }

    @Test
    @DisplayName("read: a name with characters outside [a-zA-Z0-9_] raises 'Invalid queue name: <name>'")
    void readRejectsAnInvalidName() {
        for (String name : List.of("bad-name", "bad name", "q;drop", "q.x")) {
            assertThat(serverMessage(() -> readSpecific(name, 1, 30))).isEqualTo("Invalid queue name: " + name);
        }
    }

    @Test
    @DisplayName("read: a queue that does not exist raises 'Queue does not exist: <name>'")
    void readOnAMissingQueueRaises() {
        String name = unique("missing_");

        assertThat(serverMessage(() -> readSpecific(name, 1, 30))).isEqualTo("Queue does not exist: " + name);
    }

    @Test
    @DisplayName("read: the existence check compares the name as passed, so a mixed-case name does not exist (kept)")
    void readWithAMixedCaseNameRaises() throws Exception {
        String queue = createQueue(unique("read_"));
        long msgId = send(queue, "{}");
        String mixed = "Read_" + queue.substring("read_".length());

        assertThat(serverMessage(() -> readSpecific(mixed, msgId, 30))).isEqualTo("Queue does not exist: " + mixed);
    }

    // ------------------------------------------------------------------------------------------------------------
    // delete

    @Test
    @DisplayName("delete: true when the message was deleted, then false")
    void deleteReturnsTrueThenFalse() throws Exception {
        String queue = createQueue(unique("delete_"));
        long msgId = send(queue, "{}");
        long other = send(queue, "{}");

        assertThat(deleteSpecific(queue, msgId)).isTrue();
        assertThat(deleteSpecific(queue, msgId)).isFalse();
        assertThat(value("SELECT count(*) FROM pgmq.q_" + queue + " WHERE msg_id = ?", msgId)).isEqualTo(0L);
        assertThat(value("SELECT count(*) FROM pgmq.q_" + queue + " WHERE msg_id = ?", other)).isEqualTo(1L);
    }

    @Test
    @DisplayName("delete: a message that never existed gives false")
    void deleteOfAMissingMessageIsFalse() throws Exception {
        String queue = createQueue(unique("delete_"));

        assertThat(deleteSpecific(queue, NO_SUCH_MESSAGE)).isFalse();
    }

    @Test
    @DisplayName("delete: works on a claimed (invisible) message too")
    void deleteWorksOnAClaimedMessage() throws Exception {
        String queue = createQueue(unique("delete_"));
        long msgId = send(queue, "{}");
        readSpecific(queue, msgId, 300);

        assertThat(deleteSpecific(queue, msgId)).isTrue();
    }

    @Test
    @DisplayName("delete: the unquoted table name folds a mixed-case name to the lowercase queue table")
    void deleteFoldsAMixedCaseName() throws Exception {
        String queue = createQueue(unique("delete_"));
        long msgId = send(queue, "{}");

        assertThat(deleteSpecific(queue.toUpperCase(java.util.Locale.ROOT), msgId)).isTrue();
    }

    @Test
    @DisplayName("delete: an invalid name raises 'Invalid queue name: <name>'")
    void deleteRejectsAnInvalidName() {
        for (String name : List.of("bad-name", "x'; DROP TABLE pgmq.meta; --")) {
            assertThat(serverMessage(() -> deleteSpecific(name, 1))).isEqualTo("Invalid queue name: " + name);
        }
    }

    @Test
    @DisplayName("delete: a missing queue raises undefined_table (42P01)")
    void deleteOnAMissingQueueRaisesUndefinedTable() {
        String name = unique("missing_");

        PSQLException error = catchThrowableOfType(PSQLException.class, () -> deleteSpecific(name, 1));

        assertThat(error.getSQLState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(error.getServerErrorMessage().getMessage()).contains("pgmq.q_" + name);
    }

    // ------------------------------------------------------------------------------------------------------------
    // extend vt

    @Test
    @DisplayName("extend: moves vt relative to the current vt of a claimed message; read_ct unchanged")
    void extendMovesVtRelativeToTheCurrentVt() throws Exception {
        String queue = createQueue(unique("extend_"));
        long msgId = send(queue, "{}");
        readSpecific(queue, msgId, 30);
        Map<String, Object> before = stored(queue, msgId);

        assertThat(extendSpecific(queue, msgId, 100)).isTrue();

        Map<String, Object> after = stored(queue, msgId);
        assertThat(Duration.between(instant(before, "vt"), instant(after, "vt"))).isEqualTo(Duration.ofSeconds(100));
        assertThat(after.get("read_ct")).isEqualTo(1);
    }

    @Test
    @DisplayName("extend: additional_vt_seconds defaults to 30")
    void extendDefaultsToThirtySeconds() throws Exception {
        String queue = createQueue(unique("extend_"));
        long msgId = send(queue, "{}");
        Map<String, Object> before = stored(queue, msgId);

        assertThat(value("SELECT pgmq_extend_vt_specific_message(?::text, ?::bigint)", queue, msgId)).isEqualTo(true);

        Duration moved = Duration.between(instant(before, "vt"), instant(stored(queue, msgId), "vt"));
        assertThat(moved).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("extend: a visible message's vt moves from its current (past) vt, not from now")
    void extendOfAVisibleMessageStartsFromItsVt() throws Exception {
        String queue = createQueue(unique("extend_"));
        long msgId = send(queue, "{}");
        Map<String, Object> before = stored(queue, msgId);

        assertThat(extendSpecific(queue, msgId, 5)).isTrue();

        Map<String, Object> after = stored(queue, msgId);
        assertThat(Duration.between(instant(before, "vt"), instant(after, "vt"))).isEqualTo(Duration.ofSeconds(5));
        assertThat(after.get("read_ct")).isEqualTo(0);
    }

    @Test
    @DisplayName("extend: a message that does not exist gives false")
    void extendOfAMissingMessageIsFalse() throws Exception {
        String queue = createQueue(unique("extend_"));

        assertThat(extendSpecific(queue, NO_SUCH_MESSAGE, 30)).isFalse();
    }

    @Test
    @DisplayName("extend: an invalid name raises 'Invalid queue name: <name>'")
    void extendRejectsAnInvalidName() {
        for (String name : List.of("bad-name", "pgmq.q_x")) {
            assertThat(serverMessage(() -> extendSpecific(name, 1, 30))).isEqualTo("Invalid queue name: " + name);
        }
    }

    @Test
    @DisplayName("extend: a missing queue raises undefined_table (42P01)")
    void extendOnAMissingQueueRaisesUndefinedTable() {
        String name = unique("missing_");

        PSQLException error = catchThrowableOfType(PSQLException.class, () -> extendSpecific(name, 1, 30));

        assertThat(error.getSQLState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(error.getServerErrorMessage().getMessage()).contains("pgmq.q_" + name);
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<Map<String, Object>> readSpecific(String queue, long msgId, int vtSeconds) throws SQLException {
        return rows("SELECT msg_id, read_ct, enqueued_at, vt, message "
                + "FROM pgmq_read_specific_message(?::text, ?::bigint, ?::integer)", queue, msgId, vtSeconds);
    }

    private boolean deleteSpecific(String queue, long msgId) throws SQLException {
        return (Boolean) value("SELECT pgmq_delete_specific_message(?::text, ?::bigint)", queue, msgId);
    }

    private boolean extendSpecific(String queue, long msgId, int seconds) throws SQLException {
        return (Boolean) value("SELECT pgmq_extend_vt_specific_message(?::text, ?::bigint, ?::integer)", queue, msgId,
                seconds);
    }

    /** The message's row in pgmq.q_<queue> (the table the functions act on, pgmq-api.md A.5). */
    private Map<String, Object> stored(String queue, long msgId) throws SQLException {
        return row("SELECT read_ct, enqueued_at, vt FROM pgmq.q_" + queue + " WHERE msg_id = ?", msgId);
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((Timestamp) row.get(column)).toInstant();
    }

    /** The server's primary message of the PSQLException that {@code call} throws. */
    private static String serverMessage(ThrowingCallable call) {
        PSQLException error = catchThrowableOfType(PSQLException.class, call);
        assertThat((Throwable) error).as("an error from the server").isNotNull();
        return error.getServerErrorMessage().getMessage();
    }
}
