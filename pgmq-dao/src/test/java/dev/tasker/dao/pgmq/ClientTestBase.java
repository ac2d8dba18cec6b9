package dev.tasker.dao.pgmq;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Base of the client tests: {@link #client} is a {@link PgmqClient} on the class's {@code DataSource}; the helpers
 * arrange and inspect queues through pgmq's documented SQL API on {@link #db}, independently of the client.
 */
abstract class ClientTestBase extends PgmqDaoTest {

    protected PgmqClient client;

    @BeforeAll
    void createClient() {
        client = PgmqClient.using(dataSource);
    }

    /** A new queue created with {@code pgmq.create}; its name is {@code prefix} plus random hex (lowercase). */
    protected String newQueue(String prefix) throws SQLException {
        String queue = uniqueQueue(prefix);
        execute("SELECT pgmq.create(?::text)", queue);
        return queue;
    }

    /** Sends {@code json} to {@code queue} with {@code pgmq.send}, visible after {@code delaySeconds}. */
    protected long sendRaw(String queue, String json, int delaySeconds) throws SQLException {
        return ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::integer)", queue, json, delaySeconds))
                .longValue();
    }

    /** Sends {@code json} to {@code queue}, visible at once. */
    protected long sendRaw(String queue, String json) throws SQLException {
        return sendRaw(queue, json, 0);
    }

    /** Sends each of {@code jsons} to {@code queue} with {@code pgmq.send}, visible at once; the ids in order. */
    protected List<Long> sendAll(String queue, String... jsons) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (String json : jsons) {
            ids.add(sendRaw(queue, json));
        }
        return ids;
    }

    /** The rows of {@code pgmq.q_<queue>} (a lowercase name) in id order, with message and headers as text. */
    protected List<Map<String, Object>> queueRows(String queue) throws SQLException {
        return rows("SELECT msg_id, read_ct, enqueued_at, vt, message::text AS message, headers::text AS headers"
                + " FROM pgmq.q_" + queue + " ORDER BY msg_id");
    }

    /** The rows of the archive {@code pgmq.a_<queue>} in id order. */
    protected List<Map<String, Object>> archiveRows(String queue) throws SQLException {
        return rows("SELECT msg_id, message::text AS message FROM pgmq.a_" + queue + " ORDER BY msg_id");
    }

    /** A client on a data source whose server refuses connections: any round trip fails. */
    protected static PgmqClient unreachableClient() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {freePort});
        unreachable.setDatabaseName("pgmq");
        unreachable.setConnectTimeout(5);
        return PgmqClient.using(unreachable);
    }

    /** The number of messages in {@code pgmq.q_<queue>}. */
    protected long count(String queue) throws SQLException {
        return ((Number) value("SELECT count(*) FROM pgmq.q_" + queue)).longValue();
    }
}
