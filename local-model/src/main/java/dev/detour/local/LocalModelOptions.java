package dev.detour.local;

import java.time.Duration;

/**
 * How a loaded model serves requests.
 *
 * @param intraOpThreads ONNX Runtime threads per operator (0: one per core)
 * @param interOpThreads ONNX Runtime threads across operators (0: automatic)
 * @param maxConcurrent  generations running at once (they share the one model in memory)
 * @param maxQueued      requests that may wait for a turn; one more is refused at once as overloaded
 * @param maxWait        how long a request may wait for its turn before it is refused as overloaded
 * @param timeout        how long one generation may run (after its turn came)
 */
public record LocalModelOptions(int intraOpThreads, int interOpThreads, int maxConcurrent, int maxQueued,
                                Duration maxWait, Duration timeout) {

    public LocalModelOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (automatic) or positive");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max_concurrent must be at least 1");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max_queued must be 0 or more");
        }
        if (maxWait.isNegative() || !timeout.isPositive()) {
            throw new IllegalArgumentException("max_wait must be >= 0 and timeout > 0");
        }
    }

    /** One generation at a time, four waiting at most 10 s, 60 s per generation, ONNX Runtime's thread defaults. */
    public static LocalModelOptions defaults() {
        return new LocalModelOptions(0, 0, 1, 4, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
