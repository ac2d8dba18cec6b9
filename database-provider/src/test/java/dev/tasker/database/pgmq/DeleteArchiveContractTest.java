package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** B.8: delete and archive, single and array. */
class DeleteArchiveContractTest extends PgmqContract {

    @Test
    void deleteRemovesTheMessageAndReturnsTrue() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        long other = send(queue, "{}");

        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, id)).isTrue();

        assertThat(queueRow(queue, id)).isNull();
        assertThat(queueRow(queue, other)).isNotNull();
        assertThat(archiveRow(queue, id)).as("delete does not archive").isNull();
    }

    @Test
    void deleteOfAnUnknownIdReturnsFalse() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, id + 1000)).isFalse();
        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, id)).isTrue();
        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, id)).isFalse();
    }

    @Test
    void deleteWorksOnInvisibleMessages() throws SQLException {
        String queue = createQueue();
        long delayed = sendDelayed(queue, "{}", 3600);
        long inFlight = send(queue, "{}");
        read(queue, 300, 1);

        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, delayed)).isTrue();
        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, inFlight)).isTrue();
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void deleteArrayReturnsTheIdsActuallyDeleted() throws SQLException {
        String queue = createQueue();
        long a = send(queue, "{}");
        long b = send(queue, "{}");
        long c = send(queue, "{}");

        List<Long> deleted = longs(db, "SELECT * FROM pgmq.delete(?::text, ?::bigint[])", queue,
                bigintArray(db, a, c, c + 1000));

        assertThat(deleted).containsExactlyInAnyOrder(a, c);
        assertThat(queueRow(queue, a)).isNull();
        assertThat(queueRow(queue, b)).isNotNull();
        assertThat(queueRow(queue, c)).isNull();
    }

    @Test
    void deleteArrayOfUnknownOrNoIdsReturnsAnEmptySet() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(longs(db, "SELECT * FROM pgmq.delete(?::text, ?::bigint[])", queue, bigintArray(db, id + 5)))
                .isEmpty();
        assertThat(longs(db, "SELECT * FROM pgmq.delete(?::text, ?::bigint[])", queue, bigintArray(db))).isEmpty();
        assertThat(queueCount(queue)).isEqualTo(1);
    }

    @Test
    void archiveMovesTheRowCopyingEveryField() throws SQLException {
        String queue = createQueue();
        long id = sendWithHeaders(queue, "{\"body\":1}", "{\"h\":\"x\"}");
        read(queue, 0, 1);
        read(queue, 120, 1);
        Row before = queueRow(queue, id);

        assertThat(scalar(db, "SELECT pgmq.archive(?::text, ?::bigint)", Boolean.class, queue, id)).isTrue();

        assertThat(queueRow(queue, id)).isNull();
        Row archived = archiveRow(queue, id);
        assertThat(archived).isNotNull();
        assertThat(archived.getLong("msg_id")).isEqualTo(id);
        assertThat(archived.getInt("read_ct")).isEqualTo(2);
        assertThat(archived.instant("enqueued_at")).isEqualTo(before.instant("enqueued_at"));
        assertThat(archived.instant("vt")).isEqualTo(before.instant("vt"));
        assertThat(archived.text("message")).isEqualTo(jsonb("{\"body\":1}"));
        assertThat(archived.text("headers")).isEqualTo(jsonb("{\"h\":\"x\"}"));
        if (hasLastReadAt()) {
            assertThat(archived.instant("last_read_at")).isNotNull().isEqualTo(before.instant("last_read_at"));
        }
    }

    @Test
    void archivedAtIsTheArchivingTransactionsTime() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        LateResult<Boolean> late = lateInOneTransaction(Duration.ofMillis(200), tx ->
                scalar(tx, "SELECT pgmq.archive(?::text, ?::bigint)", Boolean.class, queue, id));

        assertThat(late.result()).isTrue();
        assertThat(archiveRow(queue, id).instant("archived_at")).isEqualTo(late.transactionStart());
    }

    @Test
    void archiveOfAnUnknownIdReturnsFalse() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(scalar(db, "SELECT pgmq.archive(?::text, ?::bigint)", Boolean.class, queue, id + 1000)).isFalse();
        assertThat(scalar(db, "SELECT pgmq.archive(?::text, ?::bigint)", Boolean.class, queue, id)).isTrue();
        assertThat(scalar(db, "SELECT pgmq.archive(?::text, ?::bigint)", Boolean.class, queue, id)).isFalse();
        assertThat(archiveCount(queue)).isEqualTo(1);
    }

    @Test
    void archiveArrayReturnsTheIdsArchived() throws SQLException {
        String queue = createQueue();
        long a = send(queue, "{\"n\":1}");
        long b = send(queue, "{\"n\":2}");
        long c = send(queue, "{\"n\":3}");

        List<Long> archived = longs(db, "SELECT * FROM pgmq.archive(?::text, ?::bigint[])", queue,
                bigintArray(db, a, b, c + 1000));

        assertThat(archived).containsExactlyInAnyOrder(a, b);
        assertThat(queueRow(queue, a)).isNull();
        assertThat(queueRow(queue, b)).isNull();
        assertThat(queueRow(queue, c)).isNotNull();
        assertThat(archiveRow(queue, a).text("message")).isEqualTo(jsonb("{\"n\":1}"));
        assertThat(archiveRow(queue, b).text("message")).isEqualTo(jsonb("{\"n\":2}"));
        assertThat(archiveCount(queue)).isEqualTo(2);
    }

    @Test
    void archiveArrayOfUnknownIdsReturnsAnEmptySet() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");

        assertThat(longs(db, "SELECT * FROM pgmq.archive(?::text, ?::bigint[])", queue, bigintArray(db, id + 9)))
                .isEmpty();
        assertThat(archiveCount(queue)).isZero();
        assertThat(queueCount(queue)).isEqualTo(1);
    }

    @Test
    void anArchivedMessageCannotBeReadOrDeleted() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        query(db, "SELECT pgmq.archive(?::text, ?::bigint)", queue, id);

        assertThat(read(queue, 0, 10)).isEmpty();
        assertThat(scalar(db, "SELECT pgmq.delete(?::text, ?::bigint)", Boolean.class, queue, id)).isFalse();
        assertThat(archiveRow(queue, id)).isNotNull();
    }
}
