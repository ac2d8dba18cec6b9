package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Threads;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.ConnectFailed;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.Connected;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.Disconnected;
import dev.tasker.dao.pgmq.notify.ConnectionEvent.Reconnected;
import dev.tasker.dao.pgmq.support.Arguments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for notifications of the PGMQ database on one dedicated connection and delivers them as typed
 * {@link NotificationEvent}s to a {@link NotificationHandler}.
 *
 * <p>A receive thread waits with PgJDBC's {@link PGConnection#getNotifications(int)} and checks the connection with
 * {@link Connection#isValid(int)} after a quiet spell. When the connection fails it reports
 * {@link Disconnected}, reconnects with exponential {@link Backoff} (reporting each {@link ConnectFailed}) and
 * LISTENs again on every subscribed channel before reporting {@link Reconnected}. Notifications sent while it was
 * disconnected are lost, so consumers poll after a reconnect. A separate delivery thread calls the handler.
 *
 * <p>Subscriptions may change at any time, before or after {@link #start()}, from any thread. While connected a
 * change waits for the current notification wait to end (at most {@link ListenerConfig#pollTimeout()}) and then
 * runs LISTEN/UNLISTEN at once, so notifications committed after {@link #subscribe} returns are received.
 */
public final class PgmqNotificationListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgmqNotificationListener.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final ConnectionFactory connectionFactory;
    private final ListenerConfig config;
    private final Subscriptions subscriptions = new Subscriptions();
    private final EventDispatcher dispatcher;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread receiver;
    private volatile int backendPid;

    /**
     * A listener that is not started yet. {@code connectionFactory} must open a new, unpooled connection to the
     * PGMQ database on each call (see {@link ConnectionFactory#of}).
     */
    public PgmqNotificationListener(ConnectionFactory connectionFactory, ListenerConfig config,
                                    NotificationHandler handler) {
        this.connectionFactory = Arguments.required("connectionFactory", connectionFactory);
        this.config = Arguments.required("config", config);
        this.dispatcher = new EventDispatcher(Arguments.required("handler", handler),
                config.applicationName() + "-delivery");
    }

    /** Subscribes to {@code channel}; false if already subscribed. */
    public boolean subscribe(Channel channel) {
        Arguments.required("channel", channel);
        requireOpen();
        return subscriptions.add(channel);
    }

    /** Unsubscribes from {@code channel}; false if it was not subscribed. */
    public boolean unsubscribe(Channel channel) {
        Arguments.required("channel", channel);
        requireOpen();
        return subscriptions.remove(channel);
    }

    /** The channels subscribed now. */
    public Set<Channel> channels() {
        return subscriptions.channels();
    }

    /**
     * Starts the receive and delivery threads; the first connection is made in the background (with backoff) and
     * reported as {@link Connected}.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("Listener " + config.applicationName() + " was already started"
                    + (state.get() == State.CLOSED ? " and is closed" : ""));
        }
        dispatcher.start();
        receiver = Thread.ofPlatform().name(config.applicationName() + "-receiver").daemon(true).start(this::run);
    }

    /** True while a connection is up and listening. */
    public boolean isConnected() {
        return backendPid != 0;
    }

    /** The server process id of the dedicated connection while connected. */
    public OptionalInt backendPid() {
        int pid = backendPid;
        return pid == 0 ? OptionalInt.empty() : OptionalInt.of(pid);
    }

    /** True while the receive thread runs (from {@link #start()} until {@link #close()}). */
    public boolean isRunning() {
        Thread thread = receiver;
        return thread != null && thread.isAlive();
    }

    /**
     * Stops listening: ends the receive thread (within about {@link ListenerConfig#pollTimeout()}), closes the
     * connection, delivers the events already received and ends the delivery thread. Idempotent; when called from
     * the handler it does not wait for the delivery thread.
     */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        closing.countDown();
        Thread thread = receiver;
        if (thread != null && thread != Thread.currentThread()) {
            Threads.joinUninterruptibly(thread);
        }
        dispatcher.close();
        LOG.info("Notification listener {} closed", config.applicationName());
    }

    // ------------------------------------------------------------------------------------------------------------
    // receive thread

    private void run() {
        try {
            receiveUntilClosed();
        } catch (RuntimeException e) {
            LOG.error("Notification listener {} stopped on an unexpected error", config.applicationName(), e);
            backendPid = 0;
        }
    }

    private void receiveUntilClosed() {
        long lostAt = 0;
        boolean everConnected = false;
        while (!isClosing()) {
            Session session = connect();
            if (session == null) {
                break;
            }
            if (everConnected) {
                Duration downtime = Duration.ofNanos(System.nanoTime() - lostAt);
                LOG.info("Notification listener {} reconnected (backend {}, {} attempts, {} without connection)",
                        config.applicationName(), session.pid(), session.attempts(), downtime);
                dispatcher.deliver(new Reconnected(session.pid(), session.attempts(), downtime, session.channels()));
            } else {
                LOG.info("Notification listener {} connected (backend {}) on {}", config.applicationName(),
                        session.pid(), session.channels());
                dispatcher.deliver(new Connected(session.pid(), session.attempts(), session.channels()));
                everConnected = true;
            }
            String failure = receive(session);
            subscriptions.detach();
            backendPid = 0;
            closeQuietly(session.connection());
            if (failure != null) {
                lostAt = System.nanoTime();
                LOG.warn("Notification listener {} lost its connection: {}", config.applicationName(), failure);
                dispatcher.deliver(new Disconnected(failure));
            }
        }
    }

    /** Connects with backoff until it works or the listener closes (then null). */
    private Session connect() {
        for (int attempt = 1; !isClosing(); attempt++) {
            Connection connection = null;
            try {
                connection = connectionFactory.open();
                if (connection == null) {
                    throw new SQLException("The ConnectionFactory returned no connection");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                connection.setAutoCommit(true);
                try (PreparedStatement statement =
                             connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                    statement.setString(1, config.applicationName());
                    statement.execute();
                }
                int pid = pg.getBackendPID();
                Set<Channel> channels = subscriptions.attach(connection);
                backendPid = pid;
                return new Session(connection, pg, pid, attempt, channels);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                Duration delay = config.backoff().delay(attempt, ThreadLocalRandom.current());
                LOG.warn("Notification listener {} could not connect (attempt {}), next attempt in {}: {}",
                        config.applicationName(), attempt, delay, e.toString());
                dispatcher.deliver(new ConnectFailed(attempt, e.toString(), delay));
                awaitClosing(delay);
            }
        }
        return null;
    }

    /** Receives until the listener closes (null) or the connection fails (the reason). */
    private String receive(Session session) {
        int pollMillis = (int) config.pollTimeout().toMillis();
        long idleCheckNanos = config.idleCheckInterval().toNanos();
        long quietSince = System.nanoTime();
        while (!isClosing()) {
            subscriptions.awaitChanges();
            PGNotification[] notifications;
            try {
                notifications = session.pg().getNotifications(pollMillis);
            } catch (SQLException e) {
                return isClosing() ? null : "waiting for notifications failed: " + e;
            }
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    dispatch(notification);
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= idleCheckNanos) {
                if (!isValid(session.connection())) {
                    return "the connection failed its validity check after " + config.idleCheckInterval()
                            + " without notifications";
                }
                quietSince = System.nanoTime();
            }
        }
        return null;
    }

    private void dispatch(PGNotification notification) {
        try {
            NotificationEvent event = PayloadParser.parse(Channel.of(notification.getName()),
                    notification.getParameter());
            LOG.debug("Notification listener {} received {}", config.applicationName(), event);
            dispatcher.deliver(event);
        } catch (RuntimeException e) {
            LOG.error("Notification listener {} dropped a notification on channel {} it cannot represent",
                    config.applicationName(), notification.getName(), e);
        }
    }

    private boolean isValid(Connection connection) {
        try {
            return connection.isValid((int) config.validationTimeout().toSeconds());
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void awaitClosing(Duration delay) {
        try {
            closing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown(); // an interrupted receive thread stops, as on close()
        }
    }

    private void requireOpen() {
        if (state.get() == State.CLOSED) {
            throw new IllegalStateException("Listener " + config.applicationName() + " is closed");
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing the listener connection failed", e);
        }
    }

    /** One live connection of the receive loop. */
    private record Session(Connection connection, PGConnection pg, int pid, int attempts, Set<Channel> channels) {
    }
}
