package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.tasker.dao.pgmq.Delay;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.QueueNotFoundException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves a failed message to the consumer's dead-letter queue: in one transaction it deletes the message from its
 * queue and sends the payload, with {@link DeadLetter} headers, to the dead-letter queue, so a crash between the two
 * neither loses nor duplicates it. The dead-letter queue is created on first use.
 */
final class DeadLetterSender {

    private final PgmqClient client;
    private final ConsumerConfig config;
    private final AtomicBoolean queueCreated = new AtomicBoolean();

    DeadLetterSender(PgmqClient client, ConsumerConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Dead-letters {@code message}; false if it was no longer in the queue (then nothing is sent).
     *
     * @throws dev.tasker.dao.pgmq.PgmqException when the database fails; nothing was changed then
     */
    boolean send(Message<JsonNode> message, DeadLetter.Reason reason, Throwable failure, Instant firstFailure,
                 Instant lastFailure) {
        DeadLetter letter = new DeadLetter(config.queue(), message.msgId(), message.readCount(), firstFailure,
                lastFailure, reason, failure.getClass().getName(), Optional.ofNullable(failure.getMessage())
                .orElse(""), stackTrace(failure), message.headers().filter(headers -> !headers.isNull()));
        JsonNode payload = message.payload() == null ? NullNode.getInstance() : message.payload();
        if (!queueCreated.get()) {
            client.queues().create(config.deadLetterQueue());
            queueCreated.set(true);
        }
        try {
            return client.transactionResult(tx -> {
                if (!tx.settler().delete(config.queue(), message.msgId())) {
                    return false;
                }
                tx.sender().send(config.deadLetterQueue(), payload, Delay.NONE, letter.toHeaders());
                return true;
            });
        } catch (QueueNotFoundException missing) {
            queueCreated.set(false); // the dead-letter queue was dropped meanwhile: create it on the next attempt
            throw missing;
        }
    }

    /** {@code failure}'s stack trace with its causes, cut to {@link DeadLetter#MAX_STACK_TRACE} characters. */
    static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        if (trace.length() <= DeadLetter.MAX_STACK_TRACE) {
            return trace;
        }
        String marker = "\n\t... (cut at " + DeadLetter.MAX_STACK_TRACE + " characters)";
        return trace.substring(0, DeadLetter.MAX_STACK_TRACE - marker.length()) + marker;
    }
}
