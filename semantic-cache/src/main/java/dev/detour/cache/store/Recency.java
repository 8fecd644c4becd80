package dev.detour.cache.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last-hit and expiry times of every entry, in memory, so that eviction and expiry need not read the store.
 * Eviction is done in batches: when the cache is over its limit it drops the least recently hit entries down to a
 * low-water mark, so the scan is paid once per many inserts.
 */
public final class Recency {

    /** An entry's times, epoch milliseconds ({@code expiresAt} 0: never). */
    public record Times(long lastHitAt, long expiresAt) {
    }

    private final Map<String, Times> times = new ConcurrentHashMap<>();

    public void put(String id, long lastHitAt, long expiresAt) {
        times.put(id, new Times(lastHitAt, expiresAt));
    }

    public void hit(String id, long nowMillis) {
        times.computeIfPresent(id, (k, t) -> new Times(nowMillis, t.expiresAt()));
    }

    public void remove(String id) {
        times.remove(id);
    }

    public int size() {
        return times.size();
    }

    /** The ids to evict to bring {@code size()} down to {@code target}, least recently hit first. */
    public List<String> leastRecentlyHit(int target) {
        int excess = times.size() - target;
        if (excess <= 0) {
            return List.of();
        }
        return times.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Times> e) -> e.getValue().lastHitAt())
                        .thenComparing(Map.Entry::getKey))
                .limit(excess).map(Map.Entry::getKey).toList();
    }

    /** The ids whose time ran out at {@code nowMillis}. */
    public List<String> expired(long nowMillis) {
        List<String> out = new ArrayList<>();
        times.forEach((id, t) -> {
            if (t.expiresAt() > 0 && nowMillis >= t.expiresAt()) {
                out.add(id);
            }
        });
        return out;
    }
}
