package dev.tasker.dao.pgmq.consumer;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The class's real {@code DataSource}, where the next connection requested by a chosen thread can be held back
 * until the test opens a {@link Gate}. Lets a test stop one of the consumer's threads just before a queue operation
 * (a heartbeat, a read) and let it go on at a moment of the test's choosing; the database work itself is real.
 */
final class GatedDataSource implements DataSource {

    /** One held-back connection request. */
    static final class Gate {
        private final Predicate<Thread> threads;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);

        private Gate(Predicate<Thread> threads) {
            this.threads = threads;
        }

        /** Waits until a matching thread asked for a connection and is held; false after {@code timeoutMillis}. */
        boolean awaitReached(long timeoutMillis) throws InterruptedException {
            return reached.await(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** Lets the held thread have its connection. */
        void open() {
            opened.countDown();
        }

        /** Waits until the held thread has closed its connection (its operation is done). */
        boolean awaitFinished(long timeoutMillis) throws InterruptedException {
            return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        private void hold() {
            reached.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    opened.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // shutdownNow() must not skip the held operation
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final DataSource delegate;
    private final AtomicReference<Gate> armed = new AtomicReference<>();

    GatedDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Holds the next connection request of a thread matching {@code threads}. */
    Gate gateNext(Predicate<Thread> threads) {
        Gate gate = new Gate(threads);
        armed.set(gate);
        return gate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Gate gate = armed.get();
        if (gate == null || !gate.threads.test(Thread.currentThread()) || !armed.compareAndSet(gate, null)) {
            return delegate.getConnection();
        }
        gate.hold();
        Connection connection = delegate.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("close")) {
                            gate.finished.countDown();
                        }
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
