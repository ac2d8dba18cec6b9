package dev.tasker.dao.pgmq;

import static dev.tasker.dao.pgmq.Rejections.assertRejected;
import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageSettlerTest extends ClientTestBase {

    @Test
    void deleteRemovesOneOrManyAndReportsWhichExisted() throws SQLException {
        String queue = newQueue("deleted");
        List<Long> ids = sendAll(queue, "{}", "{}", "{}", "{}");

        assertThat(client.settler().delete(queue, ids.get(0))).isTrue();
        assertThat(client.settler().delete(queue, ids.get(0))).isFalse();
        assertThat(client.settler().delete(queue, List.of(ids.get(2), ids.get(1), ids.get(0), 999_999L)))
                .containsExactly(ids.get(1), ids.get(2));
        assertThat(client.settler().delete(queue, List.of())).isEmpty();

        assertThat(queueRows(queue)).extracting(r -> r.get("msg_id")).containsExactly(ids.get(3));
    }

    @Test
    void archiveMovesOneOrManyToTheArchiveTable() throws SQLException {
        String queue = newQueue("archived");
        List<Long> ids = sendAll(queue, "{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}");

        assertThat(client.settler().archive(queue, ids.get(1))).isTrue();
        assertThat(client.settler().archive(queue, ids.get(1))).isFalse();
        assertThat(client.settler().archive(queue, List.of(ids.get(0), ids.get(2), ids.get(1))))
                .containsExactly(ids.get(0), ids.get(2));

        assertThat(count(queue)).isZero();
        assertThat(archiveRows(queue)).extracting(r -> r.get("msg_id"), r -> r.get("message")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ids.get(0), "{\"n\": 1}"),
                org.assertj.core.groups.Tuple.tuple(ids.get(1), "{\"n\": 2}"),
                org.assertj.core.groups.Tuple.tuple(ids.get(2), "{\"n\": 3}"));
    }

    @Test
    void setVtRelativeHidesOrReleasesWithoutCountingARead() throws SQLException {
        String queue = newQueue("set_vt");
        long id = sendRaw(queue, "{\"n\": 1}");

        Optional<Message<JsonNode>> hidden = client.settler().setVt(queue, id, 600);

        assertThat(hidden).hasValueSatisfying(m -> {
            assertThat(m.msgId()).isEqualTo(id);
            assertThat(m.readCount()).isZero();
            assertThat(m.payload().get("n").asInt()).isEqualTo(1);
        });
        assertThat(value("SELECT vt > clock_timestamp() + interval '500 seconds' FROM pgmq.q_" + queue))
                .isEqualTo(true);
        assertThat(hidden.orElseThrow().visibleAt())
                .isEqualTo(((Timestamp) value("SELECT vt FROM pgmq.q_" + queue)).toInstant());

        assertThat(client.settler().setVt(queue, id, 0)).isPresent();
        assertThat(value("SELECT vt <= clock_timestamp() FROM pgmq.q_" + queue)).isEqualTo(true);
        assertThat(client.settler().setVt(queue, id + 1000, 0)).isEmpty();
    }

    @Test
    void setVtAbsoluteAndForManyMessages() throws SQLException {
        String queue = newQueue("set_vt_many");
        List<Long> ids = sendAll(queue, "{}", "{}", "{}");
        Instant at = Instant.parse("2033-03-03T03:03:03.030303Z");

        assertThat(client.settler().setVt(queue, ids.get(0), at)).hasValueSatisfying(m ->
                assertThat(m.visibleAt()).isEqualTo(at));
        assertThat(vt(queue, ids.get(0))).isEqualTo(at);

        List<Message<JsonNode>> relative = client.settler().setVt(queue, List.of(ids.get(1), ids.get(0), 12_345L), 900);
        assertThat(relative).extracting(Message::msgId).containsExactly(ids.get(0), ids.get(1));
        assertThat(value("SELECT bool_and(vt > clock_timestamp() + interval '800 seconds') FROM pgmq.q_" + queue
                + " WHERE msg_id IN (?, ?)", ids.get(0), ids.get(1))).isEqualTo(true);

        Instant later = Instant.parse("2034-04-04T04:04:04Z");
        assertThat(client.settler().setVt(queue, List.of(ids.get(0), ids.get(1)), later)).extracting(Message::visibleAt)
                .containsExactly(later, later);
        assertThat(vt(queue, ids.get(1))).isEqualTo(later);
        assertThat(value("SELECT vt <= clock_timestamp() FROM pgmq.q_" + queue + " WHERE msg_id = ?", ids.get(2)))
                .isEqualTo(true);
        assertThat(client.settler().setVt(queue, List.of(), 10)).isEmpty();
        assertRejected(() -> client.settler().setVt(queue, Arrays.asList(ids.get(0), null), 10), "msgIds",
                "must not contain null");
        assertRejectedNull(() -> client.settler().delete(queue, (List<Long>) null), "msgIds");
        assertRejectedNull(() -> client.settler().setVt(queue, ids.get(0), (Instant) null), "visibleAt");
        assertRejectedNull(() -> client.settler().setVt(queue, List.of(ids.get(0)), (Instant) null), "visibleAt");
    }

    @Test
    void extendVtPushesTheCurrentTimeoutOutThroughTheWrapper() throws SQLException {
        String queue = newQueue("extended");
        long id = sendRaw(queue, "{}");
        Instant at = Instant.parse("2035-01-01T00:00:00Z");
        execute("SELECT * FROM pgmq.set_vt(?::text, ?::bigint, ?::integer)", queue, id, 0);
        execute("UPDATE pgmq.q_" + queue + " SET vt = ?::timestamptz WHERE msg_id = ?", Timestamp.from(at), id);

        assertThat(client.settler().extendVt(queue, id, 90)).isTrue();

        assertThat(vt(queue, id)).isEqualTo(at.plusSeconds(90));
        assertThat(value("SELECT read_ct FROM pgmq.q_" + queue)).isEqualTo(0);
        assertThat(client.settler().extendVt(queue, id + 1000, 90)).isFalse();
        assertThatThrownBy(() -> client.settler().extendVt("Bad Name", id, 90))
                .isInstanceOf(InvalidQueueNameException.class).hasMessage("Invalid queue name: Bad Name");
    }

    @Test
    void deleteSpecificRemovesOneMessageThroughTheWrapper() throws SQLException {
        String queue = newQueue("delete_specific");
        long gone = sendRaw(queue, "{}");
        long kept = sendRaw(queue, "{}");

        assertThat(client.settler().deleteSpecific(queue, gone)).isTrue();
        assertThat(client.settler().deleteSpecific(queue, gone)).isFalse();

        assertThat(queueRows(queue)).extracting(r -> r.get("msg_id")).containsExactly(kept);
    }

    @Test
    void unknownQueuesAreReportedByNameForEverySettleOperation() {
        String queue = uniqueQueue("settle_missing");
        List<Runnable> operations = List.of(
                () -> client.settler().delete(queue, 1),
                () -> client.settler().delete(queue, List.of(1L)),
                () -> client.settler().archive(queue, 1),
                () -> client.settler().archive(queue, List.of(1L)),
                () -> client.settler().setVt(queue, 1, 5),
                () -> client.settler().setVt(queue, List.of(1L), Instant.now()),
                () -> client.settler().extendVt(queue, 1, 5),
                () -> client.settler().deleteSpecific(queue, 1));
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOf(QueueNotFoundException.class)
                    .hasMessageContaining("\"" + queue + "\"");
        }
    }

    private Instant vt(String queue, long id) throws SQLException {
        return ((Timestamp) value("SELECT vt FROM pgmq.q_" + queue + " WHERE msg_id = ?", id)).toInstant();
    }
}
