package dev.tasker.dao.pgmq.consumer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When this consumer first saw each message fail, for the dead-letter headers. Bounded: the oldest entries are
 * forgotten beyond {@value #CAPACITY} messages (their first failure then counts from the next one seen).
 */
final class FailureHistory {

    static final int CAPACITY = 10_000;

    private final Map<Long, Instant> firstFailures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records a failure of {@code msgId} at {@code at}; returns the first failure known for it. */
    synchronized Instant failed(long msgId, Instant at) {
        return firstFailures.computeIfAbsent(msgId, id -> at);
    }

    /** Forgets {@code msgId} (it succeeded or left the queue). */
    synchronized void forget(long msgId) {
        firstFailures.remove(msgId);
    }
}
