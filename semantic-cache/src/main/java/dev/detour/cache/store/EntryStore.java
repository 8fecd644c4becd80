package dev.detour.cache.store;

import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cache's source of truth: a MapDB file (transactions on) of entries by id, and the exact keys that lead to them.
 * Entries are rebuildable, so a file that fails to open (MapDB 3 files were seen corrupted after kill -9) is moved
 * aside and the cache starts empty, with a log line, instead of keeping the gateway down.
 * Writes are visible at once to every reader of this store, and become durable at the next {@link #commit()}: the
 * cache commits every few seconds and on close, because a MapDB commit cost ~15 ms here (a loss of the last seconds
 * of answers in a crash costs a few misses; entries are rebuildable).
 */
public final class EntryStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EntryStore.class);

    private final DB db;
    private final HTreeMap<String, byte[]> entries;
    private final HTreeMap<String, String> exactKeys;
    /** About 10,000 entries of a few KB (answer and vector): small beside the heap, large beside a hot set. */
    public static final long DEFAULT_HOT_BYTES = 32L << 20;

    private final HotEntries hot;

    private EntryStore(DB db, long hotBytes) {
        this.db = db;
        this.hot = new HotEntries(hotBytes);
        this.entries = db.hashMap("entries", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.exactKeys = db.hashMap("exact", Serializer.STRING, Serializer.STRING).createOrOpen();
    }

    /** Opens the store file with the default room for hot entries. */
    public static EntryStore open(Path file) {
        return open(file, DEFAULT_HOT_BYTES);
    }

    /**
     * Opens the store file, or moves a broken one aside and starts an empty one; up to {@code hotBytes} of the
     * entries read most recently stay decoded in memory.
     */
    public static EntryStore open(Path file, long hotBytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + file.getParent(), e);
        }
        try {
            return new EntryStore(make(file), hotBytes);
        } catch (RuntimeException | Error broken) {
            Path aside = file.resolveSibling(file.getFileName() + ".broken-" + Instant.now().toEpochMilli());
            log.warn("cache store {} failed to open ({}); moved aside to {}, the cache starts empty",
                    file, broken.toString(), aside);
            moveAside(file, aside);
            moveAside(file.resolveSibling(file.getFileName() + ".wal.0"), aside.resolveSibling(aside.getFileName() + ".wal.0"));
            return new EntryStore(make(file), hotBytes);
        }
    }

    /**
     * Transactions on (a write-ahead log: a commit is all or nothing), but no fsync per commit: a commit handed to
     * the OS survives a crash of the process, and after a power loss the worst case is a file that fails to open, which
     * is moved aside (entries are rebuildable answers, not records). An fsync per stored answer cost tens of
     * milliseconds on a miss's path here.
     */
    private static DB make(Path file) {
        return DBMaker.fileDB(file.toFile()).transactionEnable().fileSyncDisable().fileChannelEnable().make();
    }

    private static void moveAside(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot move " + from + " aside", e);
        }
    }

    /** Adds or replaces an entry; an older entry under the same exact key is removed. Returns the replaced id. */
    public synchronized Optional<String> put(CacheEntry entry) {
        String previous = exactKeys.put(entry.exactKey(), entry.id());
        if (previous != null && !previous.equals(entry.id())) {
            entries.remove(previous);
        } else {
            previous = null;
        }
        entries.put(entry.id(), EntryCodec.encode(entry));
        hot.forget(previous, entry.exactKey());
        return Optional.ofNullable(previous);
    }

    /** The entry with this id; a hot one from memory. */
    public Optional<CacheEntry> get(String id) {
        return Optional.ofNullable(hot.entry(id, this::read));
    }

    private CacheEntry read(String id) {
        byte[] bytes = entries.get(id);
        return bytes == null ? null : EntryCodec.decode(bytes);
    }

    public Optional<String> idForExactKey(String exactKey) {
        return Optional.ofNullable(hot.idForExactKey(exactKey, exactKeys::get));
    }

    /** Writes batched hit statistics (last hit time, hits to add), durable at the next commit. */
    public synchronized void recordHits(java.util.Map<String, Long> lastHits, java.util.Map<String, Long> counts) {
        lastHits.forEach((id, lastHit) -> {
            byte[] bytes = entries.get(id);
            if (bytes != null) {
                CacheEntry e = EntryCodec.decode(bytes);
                CacheEntry updated = new CacheEntry(e.id(), e.exactKey(), e.partition(), e.tenant(), e.route(),
                        e.queryText(), e.answer(), e.provider(), e.model(), e.createdAt(),
                        Math.max(lastHit, e.lastHitAt()), e.hitCount() + counts.getOrDefault(id, 0L), e.expiresAt(),
                        e.vector());
                entries.put(id, EntryCodec.encode(updated));
                hot.replaced(updated);
            }
        });
    }

    public synchronized Optional<CacheEntry> remove(String id) {
        return removeUncommitted(id);
    }

    /** Removes many entries (durable at the next commit). */
    public synchronized int removeAll(Iterable<String> ids) {
        int n = 0;
        for (String id : ids) {
            n += removeUncommitted(id).isPresent() ? 1 : 0;
        }
        return n;
    }

    private Optional<CacheEntry> removeUncommitted(String id) {
        byte[] bytes = entries.remove(id);
        if (bytes == null) {
            return Optional.empty();
        }
        CacheEntry entry = EntryCodec.decode(bytes);
        exactKeys.remove(entry.exactKey(), id);
        hot.forget(id, entry.exactKey());
        return Optional.of(entry);
    }

    /** Every entry, one at a time (admin scans, index rebuilds). */
    public void forEach(Consumer<CacheEntry> action) {
        for (byte[] bytes : entries.values()) {
            if (bytes != null) {
                action.accept(EntryCodec.decode(bytes));
            }
        }
    }

    /** Entries held decoded in memory now (tests). */
    long hotSize() {
        return hot.size();
    }

    public int size() {
        return entries.size();
    }

    public synchronized void commit() {
        db.commit();
    }

    @Override
    public synchronized void close() {
        if (!db.isClosed()) {
            db.commit();
            db.close();
        }
    }
}
