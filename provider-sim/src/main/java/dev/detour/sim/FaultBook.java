package dev.detour.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The faults installed per upstream model, and the bookkeeping for times(n) and fraction(p). */
final class FaultBook {

    private final Map<String, Entry> faults = new ConcurrentHashMap<>();

    void set(String model, Fault fault) {
        faults.put(model, new Entry(fault));
    }

    void clear(String model) {
        faults.remove(model);
    }

    /** Clears {@code model}'s fault only if it is still {@code fault}, so a schedule never clears a newer one. */
    void clearIf(String model, Fault fault) {
        faults.computeIfPresent(model, (m, e) -> e.fault.equals(fault) ? null : e);
    }

    void clearAll() {
        faults.clear();
    }

    Map<String, Fault> snapshot() {
        Map<String, Fault> out = new TreeMap<>();
        faults.forEach((m, e) -> out.put(m, e.fault));
        return out;
    }

    /**
     * Decides the fault for one request to {@code model} and consumes a use of it; null means answer normally.
     * A fraction fault resolves to its inner fault when it strikes.
     */
    Fault take(String model) {
        if (faults.isEmpty()) {
            return null;
        }
        Entry e = faults.get(model);
        if (e == null) {
            return null;
        }
        Fault applied = e.fault;
        if (applied.type() == FaultType.FRACTION) {
            // Evenly spread and seed-free: the k-th request is hit when floor(k*p) steps up, so any window of
            // 1/p requests holds one hit and two runs with the same traffic fail the same requests.
            long n = e.seen.getAndIncrement();
            double p = applied.fraction();
            if (Math.floor((n + 1) * p) == Math.floor(n * p)) {
                return null;
            }
            applied = applied.inner();
        }
        int limit = e.fault.timesLimit() > 0 ? e.fault.timesLimit() : applied.timesLimit();
        if (limit > 0) {
            int used = e.used.incrementAndGet();
            if (used > limit) {
                faults.remove(model, e);
                return null;
            }
            if (used == limit) {
                faults.remove(model, e);
            }
        }
        return applied;
    }

    private static final class Entry {
        final Fault fault;
        final AtomicLong seen = new AtomicLong();
        final AtomicInteger used = new AtomicInteger();

        Entry(Fault fault) {
            this.fault = fault;
        }
    }
}
