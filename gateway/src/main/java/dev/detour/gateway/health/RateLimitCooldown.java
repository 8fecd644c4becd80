package dev.detour.gateway.health;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The 429 channel of one deployment: after a rate limit it takes no traffic until its cool-down ends. A Retry-After
 * is honoured exactly; without one the default cool-down doubles with each repeat (capped), with jitter so several
 * gateways do not all come back at the same instant. A success ends the run of repeats.
 */
final class RateLimitCooldown {

    private final Duration base;
    private final Duration max;
    private final AtomicInteger streak = new AtomicInteger();
    /** Compared by difference, as {@link System#nanoTime()} values must be; "now" means no cool-down. */
    private volatile long untilNanos = System.nanoTime();

    RateLimitCooldown(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** Starts (or extends) a cool-down; returns its length. */
    Duration rateLimited(long nowNanos, Duration retryAfter) {
        int repeats = streak.incrementAndGet();
        Duration length;
        if (retryAfter != null && !retryAfter.isNegative()) {
            length = retryAfter;
        } else {
            long baseNanos = base.toNanos();
            long grown = baseNanos << Math.min(repeats - 1, 20);
            long capped = Math.min(grown < 0 ? Long.MAX_VALUE : grown, max.toNanos());
            double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
            length = Duration.ofNanos((long) (capped * jitter));
        }
        long until = nowNanos + length.toNanos();
        if (until - untilNanos > 0) {
            untilNanos = until;
        }
        return length;
    }

    void succeeded() {
        if (streak.get() != 0) {
            streak.set(0);
        }
    }

    boolean cooling(long nowNanos) {
        return untilNanos - nowNanos > 0;
    }

    /** Nanoseconds of cool-down left at {@code nowNanos}, 0 if none. */
    long remainingNanos(long nowNanos) {
        return Math.max(0, untilNanos - nowNanos);
    }

    void clear() {
        streak.set(0);
        untilNanos = System.nanoTime();
    }
}
