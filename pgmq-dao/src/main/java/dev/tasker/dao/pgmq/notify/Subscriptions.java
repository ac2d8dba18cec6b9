package dev.tasker.dao.pgmq.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels a listener should be listening on, and the connection they are applied to. Changes are applied to
 * the current connection at once; {@link #attach} applies the whole set to a new connection. One lock orders
 * changes against reconnects, so a channel is never lost between the two.
 */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Channel> channels = new LinkedHashSet<>();
    private Connection connection;

    /** Adds {@code channel} and LISTENs on the current connection; false if it was already there. */
    boolean add(Channel channel) {
        lock.lock();
        try {
            if (!channels.add(channel)) {
                return false;
            }
            applyToCurrent("LISTEN ", channel);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code channel} and UNLISTENs on the current connection; false if it was not there. */
    boolean remove(Channel channel) {
        lock.lock();
        try {
            if (!channels.remove(channel)) {
                return false;
            }
            applyToCurrent("UNLISTEN ", channel);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The channels now subscribed, in subscription order. */
    Set<Channel> channels() {
        lock.lock();
        try {
            return Set.copyOf(channels);
        } finally {
            lock.unlock();
        }
    }

    /** LISTENs on every channel on {@code newConnection} and makes it the current one; returns the channels. */
    Set<Channel> attach(Connection newConnection) throws SQLException {
        lock.lock();
        try {
            try (Statement statement = newConnection.createStatement()) {
                for (Channel channel : channels) {
                    statement.execute("LISTEN " + channel.quoted());
                }
            }
            connection = newConnection;
            return Set.copyOf(channels);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once no change is being applied. The receive loop calls this before each wait: PgJDBC holds the
     * connection's lock during the whole wait and does not hand it over fairly, so without this gate a waiting
     * LISTEN could lose the lock to the next wait again and again.
     */
    void awaitChanges() {
        lock.lock();
        lock.unlock();
    }

    /** Forgets the current connection (it was lost or is being closed). */
    void detach() {
        lock.lock();
        try {
            connection = null;
        } finally {
            lock.unlock();
        }
    }

    private void applyToCurrent(String command, Channel channel) {
        if (connection == null) {
            return; // applied by attach() on the next connection
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(command + channel.quoted());
        } catch (SQLException e) {
            // The connection is failing; the receive loop notices, reconnects and attach() applies the set.
            LOG.warn("{}{} failed on the listener connection, applied after reconnect: {}", command, channel.quoted(),
                    e.getMessage());
        }
    }
}
