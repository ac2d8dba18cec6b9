package dev.tasker.dao.pgmq;

import java.time.Instant;
import java.util.Optional;

/**
 * A queue's metrics ({@code pgmq.metrics_result}), read by column name so additional fields of newer pgmq versions
 * are ignored.
 *
 * @param queueName the queue name as passed to {@code metrics} (or as registered, for {@code metrics_all})
 * @param queueLength messages in the queue, visible or not
 * @param visibleLength messages visible now ({@code queue_visible_length})
 * @param newestMessageAgeSeconds age of the newest message; empty when the queue is empty
 * @param oldestMessageAgeSeconds age of the oldest message; empty when the queue is empty
 * @param totalMessages messages ever sent to the queue
 * @param scrapeTime when the metrics were taken (transaction time)
 */
public record QueueMetrics(String queueName, long queueLength, long visibleLength,
        Optional<Integer> newestMessageAgeSeconds, Optional<Integer> oldestMessageAgeSeconds, long totalMessages,
        Instant scrapeTime) {
}
