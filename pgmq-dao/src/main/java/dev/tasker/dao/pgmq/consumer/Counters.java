package dev.tasker.dao.pgmq.consumer;

import java.util.concurrent.atomic.LongAdder;

/** The consumer's running counts, safe to update from any thread. */
final class Counters {

    final LongAdder processed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder batchReads = new LongAdder();
    final LongAdder specificReads = new LongAdder();
    final LongAdder queueErrors = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder timedOut = new LongAdder();

    /** The counts now, with {@code inFlight} messages in flight. */
    ConsumerStats snapshot(int inFlight) {
        return new ConsumerStats(processed.sum(), failed.sum(), released.sum(), inFlight, batchReads.sum(),
                specificReads.sum(), queueErrors.sum(), retried.sum(), deadLettered.sum(), timedOut.sum());
    }
}
