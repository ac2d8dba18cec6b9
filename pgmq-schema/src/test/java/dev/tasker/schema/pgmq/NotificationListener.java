package dev.tasker.schema.pgmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasker.database.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A dedicated connection that LISTENs on some channels (names quoted: they contain dots) and collects what arrives,
 * through PgJDBC's {@link PGConnection#getNotifications(int)}. On a shared database other tests notify the same
 * global channels, so callers pick their own notifications with a filter (usually by queue name).
 */
final class NotificationListener implements AutoCloseable {

    /** How long to wait for notifications that must arrive. */
    static final int ARRIVAL_TIMEOUT_MS = 5_000;
    /** How long to wait for notifications that must not arrive. */
    static final int QUIET_MS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final PGConnection pg;
    private final List<PGNotification> received = new ArrayList<>();

    private NotificationListener(Connection connection) throws SQLException {
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
    }

    /** Opens a connection to {@code endpoint} and listens on {@code channels}. */
    static NotificationListener listen(DatabaseEndpoint endpoint, String... channels) throws SQLException {
        NotificationListener listener = new NotificationListener(endpoint.connect());
        try (Statement statement = listener.connection.createStatement()) {
            for (String channel : channels) {
                statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /** Waits up to {@link #ARRIVAL_TIMEOUT_MS} until {@code count} notifications matching {@code filter} arrived. */
    List<PGNotification> await(int count, Predicate<PGNotification> filter) throws SQLException {
        long deadline = System.currentTimeMillis() + ARRIVAL_TIMEOUT_MS;
        List<PGNotification> matching = matching(filter);
        while (matching.size() < count) {
            long remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0) {
                break;
            }
            poll((int) remaining);
            matching = matching(filter);
        }
        return matching;
    }

    /** Everything matching {@code filter} that arrived so far or within the next {@link #QUIET_MS}. */
    List<PGNotification> quiet(Predicate<PGNotification> filter) throws SQLException {
        long deadline = System.currentTimeMillis() + QUIET_MS;
        long remaining;
        while ((remaining = deadline - System.currentTimeMillis()) > 0) {
            poll((int) remaining);
        }
        return matching(filter);
    }

    /**
     * Notifications whose payload mentions {@code queue} as a JSON string. A plain text match, so that a payload
     * that is not valid JSON is still picked up (and then fails {@link #payload}); queue names are unique per test.
     */
    static Predicate<PGNotification> forQueue(String queue) {
        return notification -> notification.getParameter() != null
                && notification.getParameter().contains("\"" + queue + "\"");
    }

    /** The notification's payload parsed as JSON (fails the test when it is not valid JSON). */
    static JsonNode payload(PGNotification notification) {
        try {
            return JSON.readTree(notification.getParameter());
        } catch (Exception e) {
            throw new AssertionError("payload on " + notification.getName() + " is not valid JSON: "
                    + notification.getParameter(), e);
        }
    }

    /** The field names of a JSON object, in payload order. */
    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private void poll(int timeoutMillis) throws SQLException {
        PGNotification[] batch = pg.getNotifications(Math.max(1, timeoutMillis));
        if (batch != null) {
            received.addAll(List.of(batch));
        }
    }

    private List<PGNotification> matching(Predicate<PGNotification> filter) {
        return received.stream().filter(filter).toList();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
