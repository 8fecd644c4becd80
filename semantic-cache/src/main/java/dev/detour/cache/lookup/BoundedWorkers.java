package dev.detour.cache.lookup;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few platform threads (one per core) that run the cache's CPU work (embedding, index search) for request threads,
 * each call with a deadline. Virtual threads would all pile onto the same cores; a fixed pool with a short queue
 * keeps the work bounded, and a caller that would wait too long gets {@link FailOpen} instead and goes to the
 * providers.
 */
public final class BoundedWorkers implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public BoundedWorkers(int threads, int queueLimit) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLimit), r -> {
            Thread t = new Thread(r, "detour-cache-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    public static BoundedWorkers perCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new BoundedWorkers(cores, 64 * cores);
    }

    /** Runs the work on a worker and waits at most {@code timeout} for it. */
    public <T> T call(Callable<T> work, Duration timeout) throws FailOpen {
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new FailOpen("the cache's workers are saturated", e);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Never interrupt a worker: an interrupt inside Lucene's file I/O breaks the index writer for good.
            future.cancel(false);
            throw new FailOpen("took longer than " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new FailOpen("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new FailOpen("interrupted", e);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
