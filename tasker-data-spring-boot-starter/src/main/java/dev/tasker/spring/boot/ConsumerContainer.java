package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.Channel;
import dev.tasker.dao.pgmq.notify.ConnectionEvent;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import dev.tasker.dao.pgmq.notify.NotificationEvent;
import dev.tasker.dao.pgmq.notify.NotificationHandler;
import dev.tasker.dao.pgmq.notify.PgmqNotificationListener;
import dev.tasker.database.DatabaseEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link QueueConsumer} beans with the application's lifecycle: builds one {@link PgmqConsumer} per bean,
 * starts them (and one shared {@link PgmqNotificationListener} on a dedicated connection to the PGMQ database) when
 * the application is ready, and on shutdown closes them all at once, so that the whole drain takes at most the
 * longest grace period: reading stops, running handlers finish within their consumer's grace, the rest are released.
 */
public final class ConsumerContainer implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerContainer.class);

    private final List<QueueConsumer<?>> definitions;
    private final PgmqClient client;
    private final Optional<DatabaseEndpoint> listenerDatabase;
    private final String listenerName;
    private final ConsumerInstrumentation instrumentation;
    private final List<PgmqConsumer<?>> consumers = new ArrayList<>();
    private PgmqNotificationListener listener;
    private volatile boolean running;

    /**
     * @param definitions      the consumer beans
     * @param client           the client the consumers read and settle with (bound to the PGMQ pool)
     * @param listenerDatabase the PGMQ database to LISTEN on; empty to poll only
     * @param listenerName     the {@code application_name} of the listener's connection
     * @param instrumentation  where handler calls and listener events are reported
     */
    public ConsumerContainer(List<QueueConsumer<?>> definitions, PgmqClient client,
                             Optional<DatabaseEndpoint> listenerDatabase, String listenerName,
                             ConsumerInstrumentation instrumentation) {
        this.definitions = List.copyOf(definitions);
        this.client = client;
        this.listenerDatabase = listenerDatabase;
        this.listenerName = listenerName;
        this.instrumentation = instrumentation;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Creates the consumed queues if missing and starts the consumers, once the application is ready. */
    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (!running || !consumers.isEmpty() || definitions.isEmpty()) {
            return;
        }
        for (QueueConsumer<?> definition : definitions) {
            client.queues().create(definition.queue());
            consumers.add(consumer(definition));
        }
        listenerDatabase.ifPresent(this::startListener);
        consumers.forEach(consumer -> {
            consumer.start();
            instrumentation.consumerStarted(consumer);
        });
        LOG.info("Started {} consumer(s) on queues {}", consumers.size(),
                definitions.stream().map(QueueConsumer::queue).toList());
    }

    /** Drains every consumer at once, then closes the listener. */
    @Override
    public synchronized void stop() {
        running = false;
        List<Thread> closing = consumers.stream()
                .map(consumer -> Thread.ofVirtual().name("close-" + consumer.config().name()).start(consumer::close))
                .toList();
        for (Thread thread : closing) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (listener != null) {
            listener.close();
            listener = null;
        }
        consumers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The running consumers (empty before the application is ready and after shutdown). */
    public synchronized List<PgmqConsumer<?>> consumers() {
        return List.copyOf(consumers);
    }

    /** True while the shared listener's connection is up. */
    public synchronized boolean listenerConnected() {
        return listener != null && listener.isConnected();
    }

    private void startListener(DatabaseEndpoint database) {
        ConnectionFactory connections = ConnectionFactory.of(database.jdbcUrl(),
                database.user().isEmpty() ? null : database.user(),
                database.password().isEmpty() ? null : database.password());
        List<NotificationHandler> handlers = consumers.stream().map(PgmqConsumer::notificationHandler).toList();
        listener = new PgmqNotificationListener(connections,
                ListenerConfig.defaults().withApplicationName(listenerName), new FanOut(handlers));
        definitions.forEach(definition -> listener.subscribe(Channel.forQueue(definition.queue())));
        listener.start();
    }

    private <T> PgmqConsumer<T> consumer(QueueConsumer<T> definition) {
        return PgmqConsumer.polling(client, definition.payloadType(), definition.config(),
                instrumentation.instrument(definition.config(), definition.handler()));
    }

    /** Hands every listener event to each consumer (each keeps its own queue's) and to the instrumentation. */
    private final class FanOut implements NotificationHandler {

        private final List<NotificationHandler> handlers;

        FanOut(List<NotificationHandler> handlers) {
            this.handlers = handlers;
        }

        @Override
        public void onNotification(NotificationEvent event) {
            handlers.forEach(handler -> handler.onNotification(event));
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            instrumentation.listenerEvent(event);
            handlers.forEach(handler -> handler.onConnectionEvent(event));
        }
    }
}
