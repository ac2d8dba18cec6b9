package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.UnsupportedFeatureException;
import dev.tasker.dao.pgmq.PgmqException;
import dev.tasker.dao.pgmq.QueueNotFoundException;
import dev.tasker.dao.pgmq.notify.Channel;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.pgmq.notify.NotificationHandler;
import dev.tasker.dao.pgmq.notify.PgmqNotificationListener;
import dev.tasker.dao.pgmq.support.Threads;
import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Duration;
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
 *   <li><b>Reading.</b> Polling is the source of truth: a batch read ({@code pgmq.read}) whenever the poll
 *       interval has passed, at once again after a full batch. Up to twice {@code maxConcurrency} messages are kept
 *       in hand (the running handlers and as many read ahead), and a read happens only when at most
 *       {@code maxConcurrency} are, so each read fetches at least that many while the queue has them. With a
 *       listener ({@link #listening}), notifications are hints that cut the wait short: a {@code message_ready}
 *       for this queue is read by id ({@code pgmq_read_specific_message}); batch, truncated and unparsable
 *       notifications and every reconnect trigger a batch read. Messages sent while the listener is down, or
 *       delayed ones, are found by polling.</li>
 *   <li><b>Visibility.</b> Reads hide a message for {@link ConsumerConfig#visibilityTimeout()}; until it is
 *       settled a heartbeat renews that every {@link ConsumerConfig#heartbeatInterval()} ({@code pgmq.set_vt}).</li>
 *   <li><b>Success.</b> {@link ConsumerConfig#onSuccess()} (delete or archive), in batches: the handler's slot is
 *       freed at once and one thread settles everything handled so far in one statement.</li>
 *   <li><b>Failure</b> (the handler threw, or outlived {@link ConsumerConfig#handlerTimeout()} and was
 *       interrupted): {@link ConsumerConfig#onFailure()}: retry with backoff per {@link ConsumerConfig#retry()} and
 *       dead-letter ({@link ConsumerConfig#deadLetterQueue()}, deleted from the queue in the same transaction)
 *       when attempts are exhausted or the failure is non-retryable; or archive; or leave the message to reappear
 *       when its visibility timeout runs out. A payload that does not map to {@code T} (poison) never reaches the
 *       handler and is dead-lettered (archived with {@link FailureAction#ARCHIVE}). Failures are logged with
 *       their stack traces.</li>
 *   <li><b>Errors.</b> {@link #start()} fails with {@link QueueNotFoundException} when the queue does not exist.
 *       Failed queue operations (database unreachable) are logged, counted and retried with
 *       {@link ConsumerConfig#errorBackoff()}; they never stop the consumer.</li>
 *   <li><b>Shutdown.</b> {@link #close()} stops reading and the listener, waits up to
 *       {@link ConsumerConfig#shutdownGrace()} for running handlers, then releases the messages still in flight or
 *       read ahead ({@code set_vt} 0) so that another consumer takes them at once, interrupts their handlers, and
 *       waits (at least 2 s) for handled messages to be settled.</li>
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

    /** The least {@link #close()} waits for handled messages to be deleted (or archived). */
    private static final Duration MIN_SETTLE_WAIT = Duration.ofSeconds(2);

    private final ConsumerConfig config;
    private final Semaphore slots;
    private final Counters counters = new Counters();
    private final InFlightMessages inFlight;
    private final HandlerRunner<T> runner;
    private final Acknowledger acknowledger;
    private final PgmqClient client;
    private final ReadLoop readLoop;
    private final QueueWakeups wakeups;
    private final Optional<PgmqNotificationListener> listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread readThread;

    private PgmqConsumer(PgmqClient client, Class<T> payloadType, ConsumerConfig config, MessageHandler<T> handler,
                         ConnectionFactory listenerConnections, ListenerConfig listenerConfig, ReadMode mode) {
        Arguments.required("client", client);
        Arguments.required("payloadType", payloadType);
        this.config = Arguments.required("config", config);
        Arguments.required("handler", handler);
        if (Arguments.required("mode", mode) == ReadMode.FIFO_GROUPS && !client.features().fifoReads()) {
            throw new UnsupportedFeatureException("A FIFO_GROUPS consumer", "1.9.0");
        }
        this.slots = new Semaphore(config.maxConcurrency());
        Wakeup wakeup = new Wakeup();
        this.client = client;
        this.inFlight = new InFlightMessages(client.settler(), config, counters);
        this.acknowledger = new Acknowledger(config, client.settler(), inFlight, wakeup, counters);
        this.runner = new HandlerRunner<>(config, client.reader(payloadType), handler, client.settler(),
                new DeadLetterSender(client, config), acknowledger, inFlight, slots, wakeup, counters,
                client.tracing());
        this.readLoop = mode == ReadMode.FIFO_GROUPS
                ? new ReadLoop(config, client.reader(), client.groups(), runner, acknowledger, slots, wakeup, counters)
                : new ReadLoop(config, client.reader(), runner, acknowledger, slots, wakeup, counters);
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
        return polling(client, payloadType, config, handler, ReadMode.STANDARD);
    }

    /**
     * A consumer that only polls, reading as {@code mode} says; not started yet.
     *
     * @throws UnsupportedFeatureException for {@link ReadMode#FIFO_GROUPS} on pgmq before 1.9.0
     */
    public static <T> PgmqConsumer<T> polling(PgmqClient client, Class<T> payloadType, ConsumerConfig config,
                                              MessageHandler<T> handler, ReadMode mode) {
        return new PgmqConsumer<>(client, payloadType, config, handler, null, null, mode);
    }

    /**
     * A consumer that polls and is woken by notifications on the queue's namespace channel
     * ({@link Channel#forQueue(String)}), received by a listener on a dedicated connection from
     * {@code listenerConnections} (a new, unpooled connection per call); not started yet.
     */
    public static <T> PgmqConsumer<T> listening(PgmqClient client, Class<T> payloadType, ConsumerConfig config,
                                                MessageHandler<T> handler, ConnectionFactory listenerConnections,
                                                ListenerConfig listenerConfig) {
        return listening(client, payloadType, config, handler, listenerConnections, listenerConfig,
                ReadMode.STANDARD);
    }

    /**
     * As {@link #listening(PgmqClient, Class, ConsumerConfig, MessageHandler, ConnectionFactory, ListenerConfig)},
     * reading as {@code mode} says.
     *
     * @throws UnsupportedFeatureException for {@link ReadMode#FIFO_GROUPS} on pgmq before 1.9.0
     */
    public static <T> PgmqConsumer<T> listening(PgmqClient client, Class<T> payloadType, ConsumerConfig config,
                                                MessageHandler<T> handler, ConnectionFactory listenerConnections,
                                                ListenerConfig listenerConfig, ReadMode mode) {
        Arguments.required("listenerConnections", listenerConnections);
        return new PgmqConsumer<>(client, payloadType, config, handler, listenerConnections, listenerConfig, mode);
    }

    /**
     * Checks that the queue exists, then starts reading (the first batch read at once) and, if configured, the
     * listener (which connects in the background). A database that cannot be reached now does not stop the start:
     * the consumer logs it and keeps trying, as it does for later outages.
     *
     * @throws QueueNotFoundException when the queue does not exist (the consumer stays unstarted)
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (state.get() != State.NEW) {
            throw new IllegalStateException("Consumer " + config.name() + " was already started"
                    + (state.get() == State.CLOSED ? " and is closed" : ""));
        }
        requireQueue();
        state.set(State.RUNNING);
        acknowledger.start();
        listener.ifPresent(PgmqNotificationListener::start);
        readThread = Thread.ofPlatform().name(config.name() + "-reader").daemon(true).start(readLoop);
        LOG.info("Consumer {} started on queue {} ({} handler slots, {})", config.name(), config.queue(),
                config.maxConcurrency(), listener.isPresent() ? "listening and polling" : "polling only");
    }

    private void requireQueue() {
        boolean exists;
        try {
            exists = client.queues().exists(config.queue());
        } catch (PgmqException unreachable) {
            LOG.warn("Consumer {} cannot check that queue {} exists; starting anyway and retrying reads: {}",
                    config.name(), config.queue(), unreachable.toString());
            return;
        }
        if (!exists) {
            throw new QueueNotFoundException("start consumer " + config.name(), config.queue(), null);
        }
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
            long graceEnds = System.nanoTime() + config.shutdownGrace().toNanos();
            awaitHandlers();
            inFlight.releaseRunning(); // handlers past the grace period, and messages read ahead
            // handled messages are deleted even after a zero grace period, unless the database stays unreachable
            acknowledger.awaitSettled(Duration.ofNanos(Math.max(MIN_SETTLE_WAIT.toNanos(),
                    graceEnds - System.nanoTime())));
        } else {
            listener.ifPresent(PgmqNotificationListener::close);
        }
        runner.stop();
        acknowledger.stop();
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
