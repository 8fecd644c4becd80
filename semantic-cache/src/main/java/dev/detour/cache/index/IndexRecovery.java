package dev.detour.cache.index;

import dev.detour.cache.store.EntryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens the vector index and checks it against the store; when it is missing, damaged, or holds another number of
 * entries than the store (a crash between a store commit and an index commit), it is rebuilt from the stored vectors,
 * with no embedding, and a progress line every 10%.
 */
public final class IndexRecovery {

    private static final Logger log = LoggerFactory.getLogger(IndexRecovery.class);
    /** Adds between two refreshes of a rebuild. */
    private static final int REFRESH_EVERY = 10_000;

    private IndexRecovery() {
    }

    /** What happened at start, for logs and tests. */
    public enum Outcome { OPENED, CREATED, REBUILT }

    /** The opened index and how it was obtained. */
    public record Opened(VectorIndex index, Outcome outcome) {
    }

    public static Opened openOrRebuild(Path dir, EntryStore store) {
        long expected = countSemantic(store);
        String reason;
        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            reason = "missing";
        } else {
            try {
                VectorIndex index = VectorIndex.open(dir, false);
                index.refresh();
                int docs = index.size();
                if (docs == expected) {
                    return new Opened(index, Outcome.OPENED);
                }
                index.close();
                reason = "out of step with the store (" + docs + " documents, " + expected + " entries)";
            } catch (IOException | RuntimeException e) {
                reason = "damaged (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            }
        }
        return rebuild(dir, store, expected, reason);
    }

    private static Opened rebuild(Path dir, EntryStore store, long expected, String reason) {
        try {
            clear(dir);
            VectorIndex index = VectorIndex.open(dir, true);
            if (expected == 0) {
                index.commit();
                index.refresh();
                return new Opened(index, Outcome.CREATED);
            }
            log.info("cache index {} is {}: rebuilding it from {} stored entries", dir, reason, expected);
            AtomicLong done = new AtomicLong();
            long step = Math.max(1, expected / 10);
            store.forEach(entry -> {
                if (!entry.semantic()) {
                    return;
                }
                try {
                    index.add(entry.id(), entry.partition(), entry.vector());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                long n = done.incrementAndGet();
                if (n % REFRESH_EVERY == 0) {
                    // As the running cache does: a partition that grows big moves to a field of its own early, so
                    // the rest of it is written there once instead of twice.
                    try {
                        index.refresh();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (n % step == 0 || n == expected) {
                    log.info("cache index rebuild: {}/{} entries ({}%)", n, expected, n * 100 / expected);
                }
            });
            index.commit();
            index.refresh();
            return new Opened(index, Outcome.REBUILT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the cache index in " + dir, e);
        }
    }

    /** A damaged index may leave files a fresh one would trip over; the store has everything, so they all go. */
    private static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long countSemantic(EntryStore store) {
        AtomicLong n = new AtomicLong();
        store.forEach(e -> {
            if (e.semantic()) {
                n.incrementAndGet();
            }
        });
        return n.get();
    }

    private static boolean isEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }
}
