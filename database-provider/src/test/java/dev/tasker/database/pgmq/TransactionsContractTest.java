package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** B.9.1 transactions and delivery: everything runs in the caller's transaction; reads lock with SKIP LOCKED. */
class TransactionsContractTest extends PgmqContract {

    @Test
    void uncommittedSendsAreInvisibleToOtherReaders() throws SQLException {
        String queue = createQueue();
        Connection sender = open();
        Connection reader = open();
        sender.setAutoCommit(false);

        long id = send(sender, queue, "{}");
        assertThat(read(reader, queue, 30, 10)).isEmpty();
        assertThat(query(reader, "SELECT * FROM pgmq.pop(?::text)", queue)).isEmpty();

        sender.commit();
        assertThat(read(reader, queue, 30, 10)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void aRolledBackSendLeavesNoMessage() throws SQLException {
        String queue = createQueue();
        Connection sender = open();
        sender.setAutoCommit(false);
        send(sender, queue, "{}");
        sender.rollback();

        assertThat(read(queue, 30, 10)).isEmpty();
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void rollbackUndoesARead() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        Row before = queueRow(queue, id);
        Connection reader = open();
        reader.setAutoCommit(false);

        assertThat(read(reader, queue, 300, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        reader.rollback();

        Row after = queueRow(queue, id);
        assertThat(after.getInt("read_ct")).isZero();
        assertThat(after.instant("vt")).isEqualTo(before.instant("vt"));
        if (hasLastReadAt()) {
            assertThat(after.get("last_read_at")).isNull();
        }
        Row again = read(queue, 30, 1).getFirst();
        assertThat(again.getLong("msg_id")).isEqualTo(id);
        assertThat(again.getInt("read_ct")).isEqualTo(1);
    }

    @Test
    void rollbackUndoesDeleteArchiveAndPop() throws SQLException {
        String queue = createQueue();
        long a = send(queue, "{}");
        long b = send(queue, "{}");
        send(queue, "{}");
        Connection tx = open();
        tx.setAutoCommit(false);

        query(tx, "SELECT pgmq.delete(?::text, ?::bigint)", queue, a);
        query(tx, "SELECT pgmq.archive(?::text, ?::bigint)", queue, b);
        query(tx, "SELECT * FROM pgmq.pop(?::text)", queue);
        tx.rollback();

        assertThat(queueCount(queue)).isEqualTo(3);
        assertThat(archiveCount(queue)).isZero();
    }

    @Test
    void aReaderSkipsMessagesLockedByAnotherReadersOpenTransaction() throws SQLException {
        String queue = createQueue();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(send(queue, "{\"i\":" + i + "}"));
        }
        Connection first = open();
        Connection second = open();
        first.setAutoCommit(false);
        second.setAutoCommit(false);
        // a blocked FOR UPDATE without SKIP LOCKED would hang: fail instead
        execute(second, "SET LOCAL statement_timeout = '5s'");

        // vt = 0 keeps the rows visible, so only the row locks keep the second reader away from them
        List<Long> firstIds = read(first, queue, 0, 3).stream().map(r -> r.getLong("msg_id")).toList();
        List<Long> secondIds = read(second, queue, 0, 10).stream().map(r -> r.getLong("msg_id")).toList();

        assertThat(firstIds).hasSize(3).containsExactlyInAnyOrderElementsOf(sent.subList(0, 3));
        assertThat(secondIds).hasSize(7).doesNotContainAnyElementsOf(firstIds);
        Set<Long> together = new HashSet<>(firstIds);
        together.addAll(secondIds);
        assertThat(together).containsExactlyInAnyOrderElementsOf(sent);
        first.commit();
        second.commit();
    }

    @Test
    void concurrentReadersInOpenTransactionsNeverShareAMessage() throws Exception {
        String queue = createQueue();
        int total = 40;
        List<Long> sent = longs(db, "SELECT * FROM pgmq.send_batch(?::text, ?::jsonb[])", queue,
                jsonbArray(db, java.util.Collections.nCopies(total, "{}").toArray(String[]::new)));
        int readers = 4;
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            Connection connection = open();
            connection.setAutoCommit(false);
            execute(connection, "SET LOCAL statement_timeout = '10s'");
            connections.add(connection);
        }

        List<Long> all = new ArrayList<>();
        // interleave: every reader keeps its transaction (and row locks) open while the others read; to the others
        // the rows still look visible (the new vt is uncommitted), only the row locks keep them apart
        for (int round = 0; round < 3; round++) {
            for (Connection connection : connections) {
                read(connection, queue, 30, 4).forEach(r -> all.add(r.getLong("msg_id")));
            }
        }
        for (Connection connection : connections) {
            connection.commit();
        }

        assertThat(all).doesNotHaveDuplicates().hasSize(total).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void popSkipsRowsLockedByAnOpenRead() throws SQLException {
        String queue = createQueue();
        long a = send(queue, "{}");
        long b = send(queue, "{}");
        Connection reader = open();
        Connection popper = open();
        reader.setAutoCommit(false);
        execute(popper, "SET statement_timeout = '5s'");

        read(reader, queue, 0, 1);
        List<Row> popped = query(popper, "SELECT * FROM pgmq.pop(?::text)", queue);

        assertThat(popped).extracting(r -> r.getLong("msg_id")).containsExactly(b);
        reader.commit();
        assertThat(queueRow(queue, a)).isNotNull();
    }

    @Test
    void aCommittedReadHidesTheMessageFromTheNextReader() throws SQLException {
        String queue = createQueue();
        long id = send(queue, "{}");
        Connection first = open();
        Connection second = open();
        first.setAutoCommit(false);

        assertThat(read(first, queue, 60, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        first.commit();

        assertThat(read(second, queue, 60, 1)).isEmpty();
    }
}
