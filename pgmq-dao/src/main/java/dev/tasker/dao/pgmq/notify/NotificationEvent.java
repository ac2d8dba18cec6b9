package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What arrived on a channel, parsed from its payload (pgmq-api.md A.3, A.4, B.10). Payloads that cannot be parsed
 * are not dropped but delivered as {@link Unparsed}. Unknown payload keys are ignored; optional keys may be absent.
 */
public sealed interface NotificationEvent {

    /** The channel the notification arrived on. */
    Channel channel();

    /**
     * A hint that messages may be ready in {@link #queue()}: a consumer reads the queue (the specific ids when the
     * event carries them, otherwise a normal batch read).
     */
    sealed interface QueueSignal extends NotificationEvent {

        /** The queue to read. */
        String queue();
    }

    /**
     * {@code queue_created} from the trigger on {@code pgmq.meta}.
     *
     * @param channel   the channel it arrived on
     * @param queue     {@code queue_name}
     * @param namespace {@code namespace}, if present
     * @param createdAt {@code created_at}, if present
     */
    record QueueCreated(Channel channel, String queue, Optional<String> namespace, Optional<OffsetDateTime> createdAt)
            implements NotificationEvent {

        /** Checks that no component is null. */
        public QueueCreated {
            Arguments.required("channel", channel);
            Arguments.required("queue", queue);
            Arguments.required("namespace", namespace);
            Arguments.required("createdAt", createdAt);
        }
    }

    /**
     * {@code message_ready} from {@code pgmq_send_with_notify}: one message.
     *
     * @param channel      the channel it arrived on
     * @param queue        {@code queue_name}
     * @param namespace    {@code namespace}
     * @param msgId        {@code msg_id}
     * @param readyAt      {@code ready_at} (the sending transaction's time), if present
     * @param delaySeconds {@code delay_seconds}: the message becomes visible this long after {@code readyAt}
     *                     (0 when absent)
     */
    record MessageReady(Channel channel, String queue, String namespace, long msgId, Optional<OffsetDateTime> readyAt,
                        int delaySeconds) implements QueueSignal {

        /** Checks that no component is null. */
        public MessageReady {
            Arguments.required("channel", channel);
            Arguments.required("queue", queue);
            Arguments.required("namespace", namespace);
            Arguments.required("readyAt", readyAt);
        }
    }

    /**
     * {@code batch_ready} from {@code pgmq_send_batch_with_notify}: one notification for a whole batch.
     *
     * @param channel      the channel it arrived on
     * @param queue        {@code queue_name}
     * @param namespace    {@code namespace}
     * @param msgIds       {@code msg_ids}, in payload order
     * @param messageCount {@code message_count} (the number of ids when absent)
     * @param readyAt      {@code ready_at}, if present
     * @param delaySeconds {@code delay_seconds} (0 when absent)
     */
    record BatchReady(Channel channel, String queue, String namespace, List<Long> msgIds, int messageCount,
                      Optional<OffsetDateTime> readyAt, int delaySeconds) implements QueueSignal {

        /** Checks that no component is null; copies the ids. */
        public BatchReady {
            Arguments.required("channel", channel);
            Arguments.required("queue", queue);
            Arguments.required("namespace", namespace);
            msgIds = List.copyOf(msgIds);
            Arguments.required("readyAt", readyAt);
        }
    }

    /**
     * A ready payload that was too long for NOTIFY (over 7,800 bytes) and came with {@code "truncated": true} and
     * without its message ids. The ids are unknown: read the queue with a normal batch read instead.
     *
     * @param channel      the channel it arrived on
     * @param eventType    the payload's {@code event_type} (in practice {@code batch_ready})
     * @param queue        {@code queue_name}
     * @param namespace    {@code namespace}
     * @param messageCount {@code message_count}, if present
     * @param readyAt      {@code ready_at}, if present
     * @param delaySeconds {@code delay_seconds} (0 when absent)
     */
    record ReadyTruncated(Channel channel, String eventType, String queue, String namespace, OptionalInt messageCount,
                          Optional<OffsetDateTime> readyAt, int delaySeconds) implements QueueSignal {

        /** Checks that no component is null. */
        public ReadyTruncated {
            Arguments.required("channel", channel);
            Arguments.required("eventType", eventType);
            Arguments.required("queue", queue);
            Arguments.required("namespace", namespace);
            Arguments.required("messageCount", messageCount);
            Arguments.required("readyAt", readyAt);
        }
    }

    /**
     * pgmq's native insert notification on {@code pgmq.q_<queue>.INSERT} (no payload). pgmq throttles it and folds
     * it to one per transaction, so it says only that at least one message was inserted.
     *
     * @param channel the channel it arrived on
     * @param queue   the queue name from the channel (pgmq's lowercased table name without {@code q_})
     */
    record QueueInsert(Channel channel, String queue) implements QueueSignal {

        /** Checks that no component is null. */
        public QueueInsert {
            Arguments.required("channel", channel);
            Arguments.required("queue", queue);
        }
    }

    /**
     * A payload that is not one of the known events: not JSON (e.g. upstream's cut-off oversized payloads), an
     * unknown {@code event_type}, or a required key missing or of the wrong type.
     *
     * @param channel the channel it arrived on
     * @param payload the payload as received (empty for none)
     * @param reason  why it could not be parsed
     */
    record Unparsed(Channel channel, String payload, String reason) implements NotificationEvent {

        /** Checks that no component is null. */
        public Unparsed {
            Arguments.required("channel", channel);
            Arguments.required("payload", payload);
            Arguments.required("reason", reason);
        }
    }
}
