package dev.tasker.dao.tasker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs several actions on their own threads, released at the same moment by a barrier. */
public final class Concurrently {

    private Concurrently() {
    }

    /** What one action returned or threw. */
    public record Outcome<T>(T value, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /** Runs {@code actions} at once and returns each one's outcome, in order. */
    @SafeVarargs
    public static <T> List<Outcome<T>> run(Callable<T>... actions) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(actions.length);
        ExecutorService pool = Executors.newFixedThreadPool(actions.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> action : actions) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return action.call();
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(60, TimeUnit.SECONDS), null));
                } catch (ExecutionException failed) {
                    outcomes.add(new Outcome<>(null, failed.getCause()));
                } catch (java.util.concurrent.TimeoutException hung) {
                    throw new AssertionError("a concurrent action did not finish", hung);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
