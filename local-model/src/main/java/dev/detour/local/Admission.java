package dev.detour.local;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Lets a bounded number of generations run and a bounded number wait, each for a bounded time. */
final class Admission {

    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxQueued;
    private final Duration maxWait;

    Admission(int maxConcurrent, int maxQueued, Duration maxWait) {
        this.running = new Semaphore(maxConcurrent, true);
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    /** Waits for a turn; the caller must {@link #release()} after. */
    void acquire(String model) {
        if (running.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > maxQueued) {
            waiting.decrementAndGet();
            throw new OverloadedException("local model " + model + " is overloaded: " + maxQueued
                    + " requests are already waiting");
        }
        try {
            if (!running.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new OverloadedException("local model " + model + " is overloaded: no turn within "
                        + maxWait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException("interrupted while waiting for local model " + model);
        } finally {
            waiting.decrementAndGet();
        }
    }

    void release() {
        running.release();
    }

    /** Requests waiting for a turn now. */
    int waiting() {
        return waiting.get();
    }
}
