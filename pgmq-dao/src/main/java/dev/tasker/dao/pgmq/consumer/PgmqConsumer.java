package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.notify.Channel;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.pgmq.notify.NotificationHandler;
import dev.tasker.dao.pgmq.notify.PgmqNotificationListener;
import dev.tasker.dao.pgmq.support.Threads;
import dev.tasker.dao.pgmq.support.Arguments;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue: reads messages, runs a {@link MessageHandler} for each on a virtual thread with at most
 * {@link ConsumerConfig#maxConcurrency()} running at once, and settles each message by its outcome.
 *
 * <ul>
 *   <li><b>Reading.</b> Polling is the source of truth: a batch read ({@code pgmq.read}, quantity = free handler
 *       slots) whenever slots are free and the poll interval has passed, at once again after a full batch. With a
 *       listener ({@link #listening}), notifications are hints that cut the wait short: a {@code message_ready}
 *       for this queue is read by id ({@code pgmq_read_specific_message}); batch, truncated and unparsable
 *       notifications and every reconnect trigger a batch read. Messages sent while the listener is down, or
 *       delayed ones, are found by polling.</li>
 *   <li><b>Visibility.</b> Reads hide a message for {@link ConsumerConfig#visibilityTimeout()}; while its
 *       handler runs a heartbeat renews that every {@link ConsumerConfig#heartbeatInterval()}
 *       ({@code pgmq.set_vt}).</li>
 *   <li><b>Outcome.</b> Success: {@link ConsumerConfig#onSuccess()} (delete or archive). Failure (the handler
 *       threw, or the payload did not map to {@code T}): {@link ConsumerConfig#onFailure()} (archive, or leave the
 *       message to reappear when its visibility timeout runs out).</li>
 *   <li><b>Errors.</b> Failed queue operations (database unreachable) are logged, counted and retried with
 *       {@link ConsumerConfig#errorBackoff()}; they never stop the consumer.</li>
 *   <li><b>Shutdown.</b> {@link #close()} stops reading and the listener, waits up to
 *       {@link ConsumerConfig#shutdownGrace()} for running handlers, then releases the messages still in flight
 *       ({@code set_vt} 0) so that another consumer takes them at once, and interrupts their handlers.</li>
 * </ul>
 *
 * <p>Queue operations run on the {@link PgmqClient}, which should be bound to a pool of the PGMQ database
 * ({@link PgmqClient#using(javax.sql.DataSource)}); the listener has a dedicated connection of its own.
 * Delivery is at least once.
 *
 * @param <T> the payload type
 */
public final class PgmqConsumer<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgmqConsumer.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final ConsumerConfig config;
    private final Semaphore slots;
    private final Counters counters = new Counters();
    private final InFlightMessages inFlight;
    private final HandlerRunner<T> runner;
    private final ReadLoop readLoop;
    private final QueueWakeups wakeups;
    private final Optional<PgmqNotificationListener> listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread readThread;

    private PgmqConsumer(PgmqClient client, Class<T> payloadType, ConsumerConfig config, MessageHandler<T> handler,
                         ConnectionFactory listenerConnections, ListenerConfig listenerConfig) {
        Arguments.required("client", client);
        Arguments.required("payloadType", payloadType);
        this.config = Arguments.required("config", config);
        Arguments.required("handler", handler);
        this.slots = new Semaphore(config.maxConcurrency());
        Wakeup wakeup = new Wakeup();
        this.inFlight = new InFlightMessages(client.settler(), config, counters);
        this.runner = new HandlerRunner<>(config, client.reader(payloadType), handler, client.settler(), inFlight,
                slots, wakeup, counters, client.tracing());
        this.readLoop = new ReadLoop(config, client.reader(), runner, slots, wakeup, counters);
        this.wakeups = new QueueWakeups(config.queue(), wakeup);
        if (listenerConnections == null) {
            this.listener = Optional.empty();
        } else {
            PgmqNotificationListener created = new PgmqNotificationListener(listenerConnections,
                    Arguments.required("listenerConfig", listenerConfig), wakeups);
            created.subscribe(Channel.forQueue(config.queue()));
            this.listener = Optional.of(created);
        }
    }

    /** A consumer that only polls (no listener); not started yet. */
    public static <T> PgmqConsumer<T> polling(PgmqClient client, Class<T> payloadType, ConsumerConfig config,
                                              MessageHandler<T> handler) {
        return new PgmqConsumer<>(client, payloadType, config, handler, null, null);
    }

    /**
     * A consumer that polls and is woken by notifications on the queue's namespace channel
     * ({@link Channel#forQueue(String)}), received by a listener on a dedicated connection from
     * {@code listenerConnections} (a new, unpooled connection per call); not started yet.
     */
    public static <T> PgmqConsumer<T> listening(PgmqClient client, Class<T> payloadType, ConsumerConfig config,
                                                MessageHandler<T> handler, ConnectionFactory listenerConnections,
                                                ListenerConfig listenerConfig) {
        Arguments.required("listenerConnections", listenerConnections);
        return new PgmqConsumer<>(client, payloadType, config, handler, listenerConnections, listenerConfig);
    }

    /**
     * Starts reading (the first batch read at once) and, if configured, the listener (which connects in the
     * background).
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("Consumer " + config.name() + " was already started"
                    + (state.get() == State.CLOSED ? " and is closed" : ""));
        }
        listener.ifPresent(PgmqNotificationListener::start);
        readThread = Thread.ofPlatform().name(config.name() + "-reader").daemon(true).start(readLoop);
        LOG.info("Consumer {} started on queue {} ({} handler slots, {})", config.name(), config.queue(),
                config.maxConcurrency(), listener.isPresent() ? "listening and polling" : "polling only");
    }

    /** The settings. */
    public ConsumerConfig config() {
        return config;
    }

    /** The counters now. */
    public ConsumerStats stats() {
        return counters.snapshot(inFlight.size());
    }

    /** True from {@link #start()} until {@link #close()}. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** True while the consumer's listener is connected; always false for a polling-only consumer. */
    public boolean isListening() {
        return listener.isPresent() && isRunning() && wakeups.connected();
    }

    /**
     * This consumer's reaction to notification events (wake-ups for its queue, a batch read after a reconnect), for
     * a listener shared by several consumers of one PGMQ database: a {@link #polling} consumer fed from such a
     * listener reads announced messages at once, as a {@link #listening} one does.
     */
    public NotificationHandler notificationHandler() {
        return wakeups;
    }

    /** The listener's backend process id while it is connected. */
    public OptionalInt listenerBackendPid() {
        return listener.map(PgmqNotificationListener::backendPid).orElse(OptionalInt.empty());
    }

    /**
     * Shuts down: stops reading and the listener, waits up to {@link ConsumerConfig#shutdownGrace()} for running
     * handlers to finish and settle, then releases the messages still in flight ({@code set_vt} 0; see
     * {@link ConsumerStats#released()}) and interrupts their handlers, whose outcome is then ignored. A read under
     * way is finished first and its messages are handled or released like the others; a heartbeat under way is
     * waited for, so it never hides a released message again. A handler not yet begun when its message is released
     * does not run. Idempotent (a concurrent second call returns once the first is done); closing a consumer that
     * was never started only frees its resources.
     */
    @Override
    public synchronized void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        if (previous == State.RUNNING) {
            readLoop.stop();
            Threads.joinUninterruptibly(readThread);
            listener.ifPresent(PgmqNotificationListener::close);
            if (!awaitHandlers()) {
                inFlight.releaseRunning();
            }
        } else {
            listener.ifPresent(PgmqNotificationListener::close);
        }
        runner.stop();
        inFlight.shutdown();
        LOG.info("Consumer {} closed: {}", config.name(), stats());
    }

    /** Whether every handler slot became free within the grace period. */
    private boolean awaitHandlers() {
        try {
            if (slots.tryAcquire(config.maxConcurrency(), config.shutdownGrace().toNanos(), TimeUnit.NANOSECONDS)) {
                slots.release(config.maxConcurrency());
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
