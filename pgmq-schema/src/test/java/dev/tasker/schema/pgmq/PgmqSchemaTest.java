package dev.tasker.schema.pgmq;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.DatabaseTest;
import dev.tasker.database.testing.TestDatabases;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the pgmq-schema tests: one PGMQ database per test class, provisioned in split mode (so it holds no
 * tasker set) and migrated with {@link PgmqMigrations#migrate}. {@link #db} is an autocommit connection to it.
 *
 * <p>The tests also run against an external server with real pgmq (a shared database): they use unique queue
 * names, drop the queues they created, and never assume that they are the only users of a channel or a table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PgmqSchemaTest extends DatabaseTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** The PGMQ database of this class. */
    protected DatabaseEndpoint endpoint;
    /** What the migration run of this class did (on an external server possibly nothing: already migrated). */
    protected MigrateResult migrateResult;

    private final List<String> queuesToDrop = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void provisionAndMigrate() throws SQLException {
        endpoint = TestDatabases.provision(DatabaseMode.SPLIT).pgmq();
        migrateResult = PgmqMigrations.migrate(endpoint.dataSource());
        db = endpoint.connect();
    }

    @AfterEach
    void dropQueuesOfThisTest() throws SQLException {
        if (!db.getAutoCommit()) {
            db.rollback();
            db.setAutoCommit(true);
        }
        List<String> names;
        synchronized (queuesToDrop) {
            names = new ArrayList<>(queuesToDrop);
            queuesToDrop.clear();
        }
        for (String name : names) {
            try {
                rows("SELECT pgmq.drop_queue(?::text)", name);
            } catch (SQLException ignored) {
                // best effort: the test may have dropped it already
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Names and queues

    /** {@code prefix} followed by 10 random lower-case letters and digits. */
    static String unique(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            name.append(NAME_CHARACTERS[RANDOM.nextInt(NAME_CHARACTERS.length)]);
        }
        return name.toString();
    }

    /** Creates a queue with {@code pgmq.create} and drops it after the test. */
    protected String createQueue(String name) throws SQLException {
        dropAfterTest(name);
        rows("SELECT pgmq.create(?::text)", name);
        return name;
    }

    /** Drops the queue {@code name} (best effort) after the current test. */
    protected void dropAfterTest(String name) {
        queuesToDrop.add(name);
    }

    /** Sends {@code json} with pgmq's own {@code send}; returns the msg_id. */
    protected long send(String queue, String json) throws SQLException {
        return ((Number) value("SELECT pgmq.send(?::text, ?::jsonb)", queue, json)).longValue();
    }

    /** True when the role of {@link #db} is a superuser (and so created the headers event trigger). */
    protected boolean superuser() throws SQLException {
        return (Boolean) value("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Queries
}
