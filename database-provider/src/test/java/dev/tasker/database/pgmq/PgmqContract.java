package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.TestDatabases;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/**
 * Shared support for the black-box contract tests of the pgmq SQL API (shared/spec/pgmq-api.md, Part B and C.2).
 *
 * <p>Everything here talks to pgmq through its public SQL functions and the objects the spec names (tables
 * {@code pgmq.q_<name>} / {@code pgmq.a_<name>}, {@code pgmq.meta}, {@code pgmq.notify_insert_throttle}), so the
 * same tests run against tasker-data's pgmq-compatible extension on the embedded server (the default) and against
 * a real pgmq 1.5.1–1.11.x ({@code -Dtasker.db.provider=external -Dtasker.db.url=...}). With an external provider
 * the database is shared: every test uses its own queue names and never assumes that {@code list_queues()} or
 * {@code metrics_all()} show only its queues.
 *
 * <p>One database per test class ({@link TestInstance.Lifecycle#PER_CLASS}); one autocommit connection {@link #db}
 * per class; further connections from {@link #open()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PgmqContract {

    /** {@code queue name contains invalid characters: $, ;, --, or \'} (ends with backslash + apostrophe). */
    static final String INVALID_CHARACTERS = "queue name contains invalid characters: $, ;, --, or \\'";
    static final String NAME_TOO_LONG = "queue name is too long, maximum length is 47 characters";
    static final String UNDEFINED_TABLE = "42P01";
    /** SQLSTATE of a NOTICE raised by PL/pgSQL ({@code RAISE NOTICE}). */
    static final String NOTICE_STATE = "00000";
    /** SQLSTATE of a WARNING raised by PL/pgSQL ({@code RAISE WARNING}). */
    static final String WARNING_STATE = "01000";
    /** Longest any single statement of the suite may run (the longest poll in the suite is 10 s). */
    static final int STATEMENT_TIMEOUT_SECONDS = 30;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    protected DatabaseEndpoint endpoint;
    /** An autocommit connection for the whole class. */
    protected Connection db;
    protected PgmqVersion version;

    private final List<String> queuesToDrop = Collections.synchronizedList(new ArrayList<>());
    private final List<Connection> openedConnections = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void provisionPgmqDatabase() throws SQLException {
        endpoint = TestDatabases.provision(DatabaseMode.SINGLE).pgmq();
        db = open();
        version = installAndDetect(db);
    }

    @AfterEach
    void dropQueuesOfThisTest() {
        closeOpenedConnections();
        List<String> names;
        synchronized (queuesToDrop) {
            names = new ArrayList<>(queuesToDrop);
            queuesToDrop.clear();
        }
        for (String name : names.reversed()) {
            try {
                if (!db.getAutoCommit()) {
                    db.rollback();
                    db.setAutoCommit(true);
                }
                query(db, "SELECT pgmq.drop_queue(?::text)", name);
                update(db, "DELETE FROM pgmq.meta WHERE queue_name = ?::text", name);
            } catch (SQLException | RuntimeException ignored) {
                // best effort: the test may already have dropped it, or it never got created
            }
        }
    }

    @AfterAll
    void closeClassConnection() throws SQLException {
        closeOpenedConnections();
        if (db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Installation and version

    /** The installed pgmq version, e.g. 1.11.0, and where it was read from. */
    record PgmqVersion(int major, int minor, int patch, String source) implements Comparable<PgmqVersion> {

        static PgmqVersion parse(String text, String source) {
            Matcher matcher = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(text);
            if (!matcher.find()) {
                throw new IllegalArgumentException("Cannot parse pgmq version '" + text + "'");
            }
            return new PgmqVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)), source);
        }

        boolean atLeast(int otherMajor, int otherMinor, int otherPatch) {
            return compareTo(new PgmqVersion(otherMajor, otherMinor, otherPatch, "")) >= 0;
        }

        @Override
        public int compareTo(PgmqVersion other) {
            int result = Integer.compare(major, other.major);
            if (result == 0) {
                result = Integer.compare(minor, other.minor);
            }
            return result != 0 ? result : Integer.compare(patch, other.patch);
        }

        String number() {
            return major + "." + minor + "." + patch;
        }

        @Override
        public String toString() {
            return number() + " (" + source + ")";
        }
    }

    /**
     * Installs pgmq when it is missing ({@code CREATE EXTENSION IF NOT EXISTS pgmq}; an SQL-only install, which has
     * no extension row, is used as it is) and detects its version.
     */
    static PgmqVersion installAndDetect(Connection connection) throws SQLException {
        boolean sqlOnly = scalar(connection, "SELECT to_regclass('pgmq.meta') IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgmq')", Boolean.class);
        if (!sqlOnly) {
            execute(connection, "CREATE EXTENSION IF NOT EXISTS pgmq");
        }
        String extversion = scalar(connection, "SELECT max(extversion) FROM pg_extension WHERE extname = 'pgmq'",
                String.class);
        if (extversion != null) {
            return PgmqVersion.parse(extversion, "pg_extension.extversion");
        }
        return probeVersion(connection);
    }

    /** SQL-only installs: the newest version whose signature exists (C.2). */
    private static PgmqVersion probeVersion(Connection connection) throws SQLException {
        String[][] probes = {
                {"1.11.0", "pgmq.list_notify_insert_throttles()"},
                {"1.10.0", "pgmq.set_vt(text,bigint,timestamp with time zone)"},
                {"1.9.0", "pgmq.read_grouped(text,integer,integer)"},
                {"1.8.0", "pgmq.set_vt(text,bigint[],integer)"},
                {"1.7.0", "pgmq.pop(text,integer)"},
                {"1.6.0", "pgmq.acquire_queue_lock(text)"},
                {"1.5.1", "pgmq._extension_exists(text)"},
                {"1.5.0", "pgmq.send(text,jsonb,jsonb,timestamp with time zone)"},
        };
        for (String[] probe : probes) {
            if (scalar(connection, "SELECT to_regprocedure(?::text) IS NOT NULL", Boolean.class, probe[1])) {
                return PgmqVersion.parse(probe[0], "SQL-only install, probed " + probe[1]);
            }
        }
        return PgmqVersion.parse("1.0.0", "SQL-only install, no known signature found");
    }

    /** Skips the calling test unless the installed pgmq is at least the given version (Part C.2). */
    protected void assumeAtLeast(int major, int minor, int patch, String feature) {
        Assumptions.assumeTrue(version.atLeast(major, minor, patch), () -> feature + " needs pgmq >= " + major + "."
                + minor + "." + patch + "; the installed pgmq is " + version);
    }

    protected boolean atLeast(int major, int minor, int patch) {
        return version.atLeast(major, minor, patch);
    }

    /** True when message_record has last_read_at (1.10.0+). */
    protected boolean hasLastReadAt() {
        return atLeast(1, 10, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Queues

    /** A fresh, unique, lowercase queue name ({@code ct_<random>}), dropped after the test. */
    protected String newQueueName() {
        return track("ct_" + randomSuffix(10));
    }

    /** Registers a queue name (any spelling) to be dropped after the test. */
    protected String track(String name) {
        queuesToDrop.add(name);
        return name;
    }

    static String randomSuffix(int length) {
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append(NAME_CHARACTERS[RANDOM.nextInt(NAME_CHARACTERS.length)]);
        }
        return builder.toString();
    }

    /** Creates a fresh queue with {@code pgmq.create} and returns its name. */
    protected String createQueue() throws SQLException {
        String name = newQueueName();
        query(db, "SELECT pgmq.create(?::text)", name);
        return name;
    }

    protected long send(String queue, String json) throws SQLException {
        return longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb)", queue, json);
    }

    protected long send(Connection connection, String queue, String json) throws SQLException {
        return longValue(connection, "SELECT * FROM pgmq.send(?::text, ?::jsonb)", queue, json);
    }

    protected long sendWithHeaders(String queue, String json, String headers) throws SQLException {
        return longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb)", queue, json, headers);
    }

    protected long sendDelayed(String queue, String json, int delaySeconds) throws SQLException {
        return longValue(db, "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::int)", queue, json, delaySeconds);
    }

    protected List<Row> read(String queue, int vt, int qty) throws SQLException {
        return read(db, queue, vt, qty);
    }

    protected List<Row> read(Connection connection, String queue, int vt, int qty) throws SQLException {
        return query(connection, "SELECT * FROM pgmq.read(?::text, ?::int, ?::int)", queue, vt, qty);
    }

    /** The queue table row of {@code msgId} (the columns named in B.4), or null. */
    protected Row queueRow(String queue, long msgId) throws SQLException {
        List<Row> rows = query(db, "SELECT * FROM pgmq." + quoteIdent("q_" + queue.toLowerCase(java.util.Locale.ROOT))
                + " WHERE msg_id = ?::bigint", msgId);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** The archive table row of {@code msgId}, or null. */
    protected Row archiveRow(String queue, long msgId) throws SQLException {
        List<Row> rows = query(db, "SELECT * FROM pgmq." + quoteIdent("a_" + queue.toLowerCase(java.util.Locale.ROOT))
                + " WHERE msg_id = ?::bigint", msgId);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    protected long queueCount(String queue) throws SQLException {
        return longValue(db, "SELECT count(*) FROM pgmq." + quoteIdent("q_" + queue.toLowerCase(java.util.Locale.ROOT)));
    }

    protected long archiveCount(String queue) throws SQLException {
        return longValue(db, "SELECT count(*) FROM pgmq." + quoteIdent("a_" + queue.toLowerCase(java.util.Locale.ROOT)));
    }

    protected boolean relationExists(String qualifiedQuotedName) throws SQLException {
        return scalar(db, "SELECT to_regclass(?::text) IS NOT NULL", Boolean.class, qualifiedQuotedName);
    }

    static String quoteIdent(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The server's canonical text of a jsonb value ({@code '{"a":1}'} becomes {@code {"a": 1}}). */
    protected String jsonb(String json) throws SQLException {
        return scalar(db, "SELECT ?::jsonb::text", String.class, json);
    }

    /** The server's clock_timestamp(). */
    protected Instant serverClock() throws SQLException {
        return scalar(db, "SELECT clock_timestamp()", OffsetDateTime.class).toInstant();
    }

    protected Instant serverClock(Connection connection) throws SQLException {
        return scalar(connection, "SELECT clock_timestamp()", OffsetDateTime.class).toInstant();
    }

    /** A result obtained late in a transaction, with that transaction's start time {@code now()}. */
    record LateResult<T>(Instant transactionStart, T result) {
    }

    /** Work done on a transaction's connection. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T apply(Connection transaction) throws SQLException;
    }

    /**
     * Opens a transaction, notes its {@code now()}, sleeps {@code sleep} inside it so that {@code clock_timestamp()}
     * has moved on, runs {@code work}, and commits: the way to tell clock time from transaction time.
     */
    protected <T> LateResult<T> lateInOneTransaction(Duration sleep, TransactionWork<T> work) throws SQLException {
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            Instant start = transactionNow(transaction);
            execute(transaction, "SELECT pg_sleep(" + sleep.toMillis() / 1000.0 + ")");
            T result = work.apply(transaction);
            transaction.commit();
            return new LateResult<>(start, result);
        }
    }

    /** The transaction timestamp now() as seen by {@code connection}. */
    protected Instant transactionNow(Connection connection) throws SQLException {
        return scalar(connection, "SELECT now()", OffsetDateTime.class).toInstant();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Connections and JDBC

    /**
     * A new connection (closed after the test) with {@code client_min_messages = notice} and a statement timeout,
     * so that an implementation that blocks or polls forever fails the test instead of hanging the build.
     */
    protected Connection open() throws SQLException {
        Connection connection = endpoint.connect();
        execute(connection, "SET client_min_messages = notice");
        execute(connection, "SET statement_timeout = '" + STATEMENT_TIMEOUT_SECONDS + "s'");
        if (db != null) {
            openedConnections.add(connection);
        }
        return connection;
    }

    private void closeOpenedConnections() {
        List<Connection> connections;
        synchronized (openedConnections) {
            connections = new ArrayList<>(openedConnections);
            openedConnections.clear();
        }
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing is best effort
            }
        }
    }

    /** Result rows plus the NOTICEs/WARNINGs the statement raised. */
    record Result(List<Row> rows, List<Notice> notices) {
    }

    /** One NOTICE or WARNING. */
    record Notice(String sqlState, String severity, String message) {
    }

    /** A server error: SQLSTATE and the primary message without the "ERROR: " prefix. */
    record PgError(String sqlState, String message) {
    }

    /** One result row: column label (lower case) to value; timestamptz as {@link OffsetDateTime}, jsonb as text. */
    static final class Row {
        private final Map<String, Object> values;

        Row(Map<String, Object> values) {
            this.values = values;
        }

        List<String> columns() {
            return List.copyOf(values.keySet());
        }

        boolean has(String column) {
            return values.containsKey(column);
        }

        Object get(String column) {
            if (!values.containsKey(column)) {
                fail("no column '" + column + "' in " + values.keySet());
            }
            return values.get(column);
        }

        long getLong(String column) {
            return ((Number) Objects.requireNonNull(get(column), column + " is NULL")).longValue();
        }

        Long getLongOrNull(String column) {
            Object value = get(column);
            return value == null ? null : ((Number) value).longValue();
        }

        int getInt(String column) {
            return ((Number) Objects.requireNonNull(get(column), column + " is NULL")).intValue();
        }

        Integer getIntOrNull(String column) {
            Object value = get(column);
            return value == null ? null : ((Number) value).intValue();
        }

        String text(String column) {
            Object value = get(column);
            return value == null ? null : value.toString();
        }

        boolean bool(String column) {
            return (Boolean) Objects.requireNonNull(get(column), column + " is NULL");
        }

        Instant instant(String column) {
            Object value = get(column);
            return value == null ? null : ((OffsetDateTime) value).toInstant();
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    static List<Row> query(Connection connection, String sql, Object... parameters) throws SQLException {
        return run(connection, sql, parameters).rows();
    }

    /** Runs a statement and returns its rows (if any) and the notices it raised. */
    static Result run(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            boolean hasRows = statement.execute();
            List<Row> rows = new ArrayList<>();
            if (hasRows) {
                try (ResultSet resultSet = statement.getResultSet()) {
                    rows = rows(resultSet);
                }
            }
            return new Result(rows, notices(statement.getWarnings()));
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static <T> T scalar(Connection connection, String sql, Class<T> type, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet resultSet = statement.executeQuery()) {
            assertThat(resultSet.next()).as("a row from " + sql).isTrue();
            return resultSet.getObject(1, type);
        }
    }

    static long longValue(Connection connection, String sql, Object... parameters) throws SQLException {
        Long value = scalar(connection, sql, Long.class, parameters);
        assertThat(value).as("value of " + sql).isNotNull();
        return value;
    }

    static List<Long> longs(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet resultSet = statement.executeQuery()) {
            while (resultSet.next()) {
                values.add(resultSet.getLong(1));
            }
        }
        return values;
    }

    /** Runs {@code sql}, which must fail, and returns the server's error. */
    static PgError expectError(Connection connection, String sql, Object... parameters) {
        try {
            run(connection, sql, parameters);
        } catch (SQLException e) {
            return error(e);
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    static PgError error(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            return new PgError(server.getSQLState(), server.getMessage());
        }
        return new PgError(e.getSQLState(), e.getMessage());
    }

    /** A {@code jsonb[]} parameter. */
    static Array jsonbArray(Connection connection, String... json) throws SQLException {
        return connection.createArrayOf("jsonb", json);
    }

    /** A {@code bigint[]} parameter. */
    static Array bigintArray(Connection connection, Long... ids) throws SQLException {
        return connection.createArrayOf("bigint", ids);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof Instant instant) {
                    statement.setObject(i + 1, instant.atOffset(java.time.ZoneOffset.UTC));
                } else if (parameter instanceof Array array) {
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    private static List<Row> rows(ResultSet resultSet) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        List<Row> rows = new ArrayList<>();
        while (resultSet.next()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String type = meta.getColumnTypeName(i);
                Object value;
                if ("timestamptz".equals(type)) {
                    value = resultSet.getObject(i, OffsetDateTime.class);
                } else if ("jsonb".equals(type) || "json".equals(type)) {
                    value = resultSet.getString(i);
                } else {
                    value = resultSet.getObject(i);
                }
                values.put(meta.getColumnLabel(i), value);
            }
            rows.add(new Row(values));
        }
        return rows;
    }

    private static List<Notice> notices(SQLWarning warning) {
        List<Notice> notices = new ArrayList<>();
        for (SQLWarning current = warning; current != null; current = current.getNextWarning()) {
            if (current instanceof PSQLWarning psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                notices.add(new Notice(server.getSQLState(), server.getSeverity(), server.getMessage()));
            } else {
                notices.add(new Notice(current.getSQLState(), "", current.getMessage()));
            }
        }
        return notices;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Time

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
