package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.support.Arguments;

/**
 * Where one message of a topic batch went ({@code pgmq.send_batch_topic}): its queue and its id there.
 *
 * @param queueName the queue that received the message
 * @param msgId the message's id in that queue
 */
public record RoutedMessage(String queueName, long msgId) {

    /** Rejects a null queue name. */
    public RoutedMessage {
        Arguments.required("queueName", queueName);
    }
}
