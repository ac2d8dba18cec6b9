package dev.tasker.dao.pgmq.notify;

/** Thread helpers of the listener. */
final class Threads {

    private Threads() {
    }

    /** Waits until {@code thread} has ended, keeping (and restoring) an interrupt that arrives meanwhile. */
    static void joinUninterruptibly(Thread thread) {
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
