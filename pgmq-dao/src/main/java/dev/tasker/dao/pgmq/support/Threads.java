package dev.tasker.dao.pgmq.support;

/** Thread helpers shared by the listener and the consumer. */
public final class Threads {

    private Threads() {
    }

    /** Waits until {@code thread} has ended, keeping (and restoring) an interrupt that arrives meanwhile. */
    public static void joinUninterruptibly(Thread thread) {
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
}
