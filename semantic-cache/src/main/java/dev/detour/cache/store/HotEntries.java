package dev.detour.cache.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The entries read most recently, decoded, in memory, and the exact keys that led to them. A hit on a hot entry then
 * reads no MapDB page (each one a read syscall through MapDB's file channel) and decodes nothing (the whole entry,
 * its vector included), which was most of an exact hit's cost in the cache.
 * Bounded by bytes, least recently used out first.
 * <p>
 * Never serves what the store no longer says: every change to the store is followed by {@link #forget}, and a read
 * that raced with a change is not kept (see {@link #read}), so a purged, evicted or replaced entry cannot come back
 * from here. Entries are handed out shared, not copied: nothing writes into an entry's answer or vector.
 */
final class HotEntries {

    private static final int MAX_EXACT_KEYS = 20_000;
    /** Strings, record and array headers of an entry, roughly, beside its answer and vector. */
    private static final int ENTRY_OVERHEAD = 512;

    private final Cache<String, CacheEntry> byId;
    private final Cache<String, String> idByExactKey;
    /** Counts changes to the store, so that a read can tell whether one happened while it ran. */
    private final AtomicLong changes = new AtomicLong();

    HotEntries(long maxBytes) {
        // Maintenance runs on the calling thread: handing it to a pool would wake another thread on a hit's path.
        this.byId = Caffeine.newBuilder().maximumWeight(maxBytes).executor(Runnable::run)
                .weigher((String id, CacheEntry e) -> weight(e)).build();
        this.idByExactKey = Caffeine.newBuilder().maximumSize(maxBytes == 0 ? 0 : MAX_EXACT_KEYS)
                .executor(Runnable::run).build();
    }

    private static int weight(CacheEntry e) {
        long bytes = ENTRY_OVERHEAD + e.answer().length + (e.vector() == null ? 0 : 4L * e.vector().length)
                + 2L * (e.queryText().length() + e.exactKey().length() + e.partition().length());
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** The entry with this id, from memory or else from {@code store} (null: none). */
    CacheEntry entry(String id, Function<String, CacheEntry> store) {
        return read(byId, id, store);
    }

    /** The id the exact key leads to, from memory or else from {@code store} (null: none). */
    String idForExactKey(String exactKey, Function<String, String> store) {
        return read(idByExactKey, exactKey, store);
    }

    /**
     * Reads through. A change can land between the store read and the put here, and then the value kept would be
     * older than the store: the change's {@link #forget} may already have run. So a change counted during the read
     * drops what it put (a miss next time, never a stale answer). Changes count after the store write and before
     * forgetting, which is what makes that check sufficient.
     */
    private <V> V read(Cache<String, V> memory, String key, Function<String, V> store) {
        V kept = memory.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        long before = changes.get();
        V value = store.apply(key);
        if (value != null) {
            memory.put(key, value);
            if (changes.get() != before) {
                memory.invalidate(key);
            }
        }
        return value;
    }

    /** After the store changed what it holds for {@code id} or {@code exactKey} (either may be null). */
    void forget(String id, String exactKey) {
        changes.incrementAndGet();
        if (id != null) {
            byId.invalidate(id);
        }
        if (exactKey != null) {
            idByExactKey.invalidate(exactKey);
        }
    }

    /** After the store replaced an entry's record with {@code updated} (hit statistics): keeps it hot, up to date. */
    void replaced(CacheEntry updated) {
        changes.incrementAndGet();
        if (byId.getIfPresent(updated.id()) != null) {
            byId.put(updated.id(), updated);
        }
    }

    /** Entries held now (tests). */
    long size() {
        byId.cleanUp();
        return byId.estimatedSize();
    }
}
