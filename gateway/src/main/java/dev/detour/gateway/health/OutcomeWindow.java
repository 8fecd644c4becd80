package dev.detour.gateway.health;

import dev.detour.gateway.providers.FailureClass;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of call outcomes (success, or the failure's class) over the last {@code seconds} seconds, in one bucket per
 * second. Recording is wait-free (two atomic operations); reading sums the buckets still inside the window.
 */
final class OutcomeWindow {

    private static final int SUCCESS = FailureClass.values().length;

    private final int seconds;
    private final AtomicLong[] bucketSecond;
    private final AtomicLongArray counts;

    OutcomeWindow(int seconds) {
        this.seconds = seconds;
        this.bucketSecond = new AtomicLong[seconds];
        for (int i = 0; i < seconds; i++) {
            bucketSecond[i] = new AtomicLong(Long.MIN_VALUE);
        }
        this.counts = new AtomicLongArray(seconds * (SUCCESS + 1));
    }

    /** Records one outcome; {@code failure} null is a success. */
    void record(long nowMillis, FailureClass failure) {
        long second = nowMillis / 1000;
        int bucket = (int) Math.floorMod(second, (long) seconds);
        AtomicLong owner = bucketSecond[bucket];
        long held = owner.get();
        if (held != second && owner.compareAndSet(held, second)) {
            // First outcome of a new second in this slot: the slot's old counts are from a second out of the window.
            for (int i = 0; i <= SUCCESS; i++) {
                counts.set(bucket * (SUCCESS + 1) + i, 0);
            }
        }
        counts.incrementAndGet(bucket * (SUCCESS + 1) + (failure == null ? SUCCESS : failure.ordinal()));
    }

    /** The outcomes inside the window at {@code nowMillis}: successes under "ok", failures under their class. */
    Counts read(long nowMillis) {
        long now = nowMillis / 1000;
        long[] sums = new long[SUCCESS + 1];
        for (int bucket = 0; bucket < seconds; bucket++) {
            long second = bucketSecond[bucket].get();
            if (second > now - seconds && second <= now) {
                for (int i = 0; i <= SUCCESS; i++) {
                    sums[i] += counts.get(bucket * (SUCCESS + 1) + i);
                }
            }
        }
        Map<FailureClass, Long> failures = new EnumMap<>(FailureClass.class);
        for (FailureClass failureClass : FailureClass.values()) {
            if (sums[failureClass.ordinal()] > 0) {
                failures.put(failureClass, sums[failureClass.ordinal()]);
            }
        }
        return new Counts(sums[SUCCESS], failures);
    }

    void clear() {
        for (AtomicLong owner : bucketSecond) {
            owner.set(Long.MIN_VALUE);
        }
    }

    /** Outcomes in a window: successes, and failures by class. */
    record Counts(long successes, Map<FailureClass, Long> failures) {

        static final Counts NONE = new Counts(0, Map.of());

        Counts {
            failures = Map.copyOf(failures);
        }

        long total() {
            return successes + failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
