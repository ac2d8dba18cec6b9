package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.tasker.dao.pgmq.Delay;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.QueueNames;
import dev.tasker.dao.pgmq.support.Arguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back to the queue they failed in, for example after the bug that failed them is fixed. Each
 * message is moved in one transaction: deleted from the dead-letter queue and sent to its {@code original_queue}
 * with its original payload and headers, as a new message (new id, read count 0, so it gets all its attempts
 * again). Messages of the dead-letter queue without {@link DeadLetter} headers are left where they are.
 *
 * <pre>{@code
 * DeadLetterReplay.Result result = DeadLetterReplay.using(pgmq).replay("orders_dlq", 1_000);
 * }</pre>
 */
public final class DeadLetterReplay {

    /** How long a message being replayed stays hidden from other readers of the dead-letter queue. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 30;

    private static final int BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final PgmqClient client;

    private DeadLetterReplay(PgmqClient client) {
        this.client = client;
    }

    /** Replays through {@code client} (bound to the PGMQ database). */
    public static DeadLetterReplay using(PgmqClient client) {
        return new DeadLetterReplay(Arguments.required("client", client));
    }

    /**
     * What a replay did.
     *
     * @param replayed the new message ids in their original queues, in the order replayed
     * @param skipped  ids of dead-letter queue messages without dead-letter headers, left in place (visible
     *                 again after {@value #VISIBILITY_TIMEOUT_SECONDS} s)
     */
    public record Result(List<Long> replayed, List<Long> skipped) {

        /** Copies the lists. */
        public Result {
            replayed = List.copyOf(replayed);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Replays up to {@code maxMessages} visible messages of {@code deadLetterQueue}, oldest first.
     *
     * @throws dev.tasker.dao.pgmq.QueueNotFoundException when the dead-letter queue or an original queue does not
     *                                                    exist (messages replayed before stay replayed)
     */
    public Result replay(String deadLetterQueue, int maxMessages) {
        QueueNames.validate(deadLetterQueue);
        Arguments.check(maxMessages >= 1, "maxMessages", "must be at least 1, got " + maxMessages);
        List<Long> replayed = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        while (replayed.size() + skipped.size() < maxMessages) {
            int qty = Math.min(BATCH, maxMessages - replayed.size() - skipped.size());
            List<Message<JsonNode>> batch = client.reader().read(deadLetterQueue, VISIBILITY_TIMEOUT_SECONDS, qty);
            for (Message<JsonNode> message : batch) {
                Optional<DeadLetter> letter = DeadLetter.from(message);
                if (letter.isEmpty()) {
                    LOG.warn("Message {} of {} has no dead-letter headers; left in place", message.msgId(),
                            deadLetterQueue);
                    skipped.add(message.msgId());
                    continue;
                }
                replayOne(deadLetterQueue, message, letter.get()).ifPresent(replayed::add);
            }
            if (batch.size() < qty) {
                break;
            }
        }
        return new Result(replayed, skipped);
    }

    private Optional<Long> replayOne(String deadLetterQueue, Message<JsonNode> message, DeadLetter letter) {
        JsonNode payload = message.payload() == null ? NullNode.getInstance() : message.payload();
        return client.transactionResult(tx -> {
            if (!tx.settler().delete(deadLetterQueue, message.msgId())) {
                return Optional.empty();
            }
            return Optional.of(letter.originalHeaders()
                    .map(headers -> tx.sender().send(letter.originalQueue(), payload, Delay.NONE, headers))
                    .orElseGet(() -> tx.sender().send(letter.originalQueue(), payload)));
        });
    }
}
