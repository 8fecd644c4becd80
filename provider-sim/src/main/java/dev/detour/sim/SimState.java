package dev.detour.sim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Everything one sim instance knows: faults, attempts, per-model settings, and whether it is closing. */
final class SimState {

    /** Window the contextLengthExceeded fault reports when the model has none configured. */
    static final int DEFAULT_CONTEXT_WINDOW = 8192;

    final FaultBook faults = new FaultBook();
    final AttemptLog attempts = new AttemptLog();
    final Ids ids = new Ids();
    /** Requests held open by hang or stall right now; tests use it to see a held request let go. */
    final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Integer> contextWindows = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Waits {@code d} unless the sim closes first; true when the wait ran its course and the sim is still open. */
    boolean pause(Duration d) {
        if (d.isZero()) {
            return closing.getCount() > 0;
        }
        try {
            return !closing.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void close() {
        closing.countDown();
    }

    void contextWindow(String model, int tokens) {
        contextWindows.put(model, tokens);
    }

    /** Configured context window, or null when the model accepts any prompt. */
    Integer contextWindow(String model) {
        return contextWindows.isEmpty() ? null : contextWindows.get(model);
    }

    Map<String, Integer> contextWindows() {
        return Map.copyOf(contextWindows);
    }
}
