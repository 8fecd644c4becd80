package dev.detour.cache;

import dev.detour.cache.admin.Invalidation;
import dev.detour.cache.admin.PurgeFilter;
import dev.detour.cache.embed.Embedder;
import dev.detour.cache.index.Candidate;
import dev.detour.cache.index.IndexRecovery;
import dev.detour.cache.index.VectorIndex;
import dev.detour.cache.key.RequestKeys;
import dev.detour.cache.lookup.BoundedWorkers;
import dev.detour.cache.lookup.FailOpen;
import dev.detour.cache.lookup.LookupOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.policy.StoreDecision;
import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.store.CacheEntry;
import dev.detour.cache.store.EntryStore;
import dev.detour.cache.store.Recency;
import dev.detour.cache.verify.HitVerifier;
import dev.detour.cache.verify.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The semantic cache: exact layer first (a hash of the canonical request, no embedding), then the last user turn
 * embedded and searched in its partition, each candidate judged by the {@link HitVerifier}. Stores answers the
 * {@link dev.detour.cache.policy.AdmissionRules} allow. Lookups fail open: when the semantic step is slow, saturated or
 * broken, the lookup is a miss and a counter says so.
 */
public final class SemanticCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SemanticCache.class);
    /** Eviction drops to this share of the limit, so the scan is paid once per many inserts. */
    private static final double LOW_WATER = 0.95;
    /** How often recently added vectors are folded into Lucene's searcher. */
    private static final long REFRESH_MILLIS = 250;
    /** How many candidates the first search asks for (see {@link #nearest}). */
    private static final int FIRST_CANDIDATES = 16;

    private final CacheSettings settings;
    private final Embedder embedder;
    private final HitVerifier verifier;
    private final Clock clock;
    private final EntryStore store;
    private final VectorIndex index;
    private final IndexRecovery.Outcome indexOutcome;
    private final BoundedWorkers workers;
    private final Recency recency = new Recency();
    private final ScheduledExecutorService committer;
    private final SecureRandom random = new SecureRandom();
    private final Object evictionLock = new Object();
    /**
     * Stores share it while they check their mark and write; a purge or invalidation takes it alone just long enough to
     * move {@link #removals}. So every store either finished before the move (and the removal's scan, which comes
     * after, sees it) or checks its mark after it (and an answer looked up before the removal is refused). The scan
     * itself runs without it: stores are never held up by a long purge.
     */
    private final ReentrantReadWriteLock removalLock = new ReentrantReadWriteLock();
    /** How many purges and invalidations have run: the mark a caller takes before its lookup. */
    private volatile long removals;
    private final java.util.concurrent.ConcurrentHashMap<String, PendingHit> pendingHits =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Hits of one entry not yet written to the store. */
    private record PendingHit(long lastHitAt, long count) {
    }

    private final LongAdder lookups = new LongAdder();
    private final LongAdder exactHits = new LongAdder();
    private final LongAdder semanticHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder failedOpen = new LongAdder();
    private final LongAdder stores = new LongAdder();
    private final LongAdder skippedStores = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();

    private SemanticCache(CacheSettings settings, Embedder embedder, HitVerifier verifier, Clock clock,
                          BoundedWorkers workers) {
        this.settings = settings;
        this.embedder = embedder;
        this.verifier = verifier;
        this.clock = clock;
        this.workers = workers;
        // One folder per embedding model: vectors of two models must never meet in one index.
        var dir = settings.directory().resolve(embedder.modelName());
        this.store = EntryStore.open(dir.resolve("entries.mapdb"), settings.hotEntryBytes());
        IndexRecovery.Opened opened;
        try {
            opened = IndexRecovery.openOrRebuild(dir.resolve("index"), store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.index = opened.index();
        this.indexOutcome = opened.outcome();
        store.forEach(e -> recency.put(e.id(), e.lastHitAt(), e.expiresAt()));
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "detour-cache-commit");
            t.setDaemon(true);
            return t;
        });
        long every = settings.commitInterval().toMillis();
        committer.scheduleWithFixedDelay(this::housekeeping, every, every, TimeUnit.MILLISECONDS);
        committer.scheduleWithFixedDelay(this::refreshIndex, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        log.info("semantic cache in {}: {} entries, index {}, model {}", dir, store.size(),
                indexOutcome.name().toLowerCase(), embedder.modelName());
    }

    public static SemanticCache open(CacheSettings settings, Embedder embedder, HitVerifier verifier, Clock clock) {
        return new SemanticCache(settings, embedder, verifier, clock, BoundedWorkers.perCore());
    }

    /** Opens with a given pool for the semantic step (tests and benchmarks size it themselves). */
    public static SemanticCache open(CacheSettings settings, Embedder embedder, HitVerifier verifier, Clock clock,
                                     BoundedWorkers workers) {
        return new SemanticCache(settings, embedder, verifier, clock, workers);
    }

    public LookupResult lookup(CacheRequest request, LookupOptions options) {
        lookups.increment();
        try {
            return lookupOrThrow(request, options);
        } catch (RuntimeException broken) {
            // A damaged store or index must cost a miss, never the request.
            failedOpen.increment();
            misses.increment();
            log.warn("cache lookup failed open: {}", broken.toString());
            return new LookupResult.Miss("failed open: " + broken, null, true);
        }
    }

    private LookupResult lookupOrThrow(CacheRequest request, LookupOptions options) {
        RequestKeys keys = RequestKeys.of(request);
        long now = clock.millis();
        Optional<CacheEntry> exact = store.idForExactKey(keys.exact()).flatMap(store::get);
        if (exact.isPresent() && usable(exact.get(), request, keys, now)) {
            return hit(exact.get(), LookupResult.Kind.EXACT, 1.0, "exact", now);
        }
        String text = request.semanticText();
        if (text == null || options.exactOnly()) {
            misses.increment();
            return new LookupResult.Miss(text == null ? "no text to match semantically" : "exact only", null, false);
        }
        SemanticFind found;
        try {
            found = workers.call(() -> findSemantic(request, keys, text, options, now), settings.semanticTimeout());
        } catch (FailOpen e) {
            failedOpen.increment();
            misses.increment();
            log.debug("cache lookup failed open: {}", e.getMessage());
            return new LookupResult.Miss("failed open: " + e.getMessage(), null, true);
        }
        if (found.entry() != null) {
            return hit(found.entry(), LookupResult.Kind.SEMANTIC, found.similarity(), found.reason(), now);
        }
        misses.increment();
        return new LookupResult.Miss(found.reason(), found.queryVector(), false);
    }

    /** What the semantic step found: an accepted entry, or why none, with the query's vector either way. */
    private record SemanticFind(CacheEntry entry, double similarity, String reason, float[] queryVector) {
    }

    private SemanticFind findSemantic(CacheRequest request, RequestKeys keys, String text, LookupOptions options,
                                      long now) throws IOException {
        float[] query = embedder.embed(text);
        double floor = Math.max(settings.threshold(),
                options.minSimilarity() == null ? 0 : options.minSimilarity());
        List<Candidate> candidates = nearest(keys.partition(), query, floor);
        String lastReason = candidates.isEmpty() ? "no candidate in the partition" : "no candidate above " + floor;
        for (Candidate candidate : candidates) {
            if (candidate.cosine() < floor) {
                break;
            }
            Optional<CacheEntry> entry = store.get(candidate.id());
            if (entry.isEmpty() || !entry.get().semantic() || !usable(entry.get(), request, keys, now)) {
                continue;
            }
            CacheEntry e = entry.get();
            Verdict verdict = verifier.judge(e.queryText(), text, e.vector(), query, candidate.cosine());
            if (verdict.accepted()) {
                return new SemanticFind(e, candidate.cosine(), verdict.reason(), query);
            }
            lastReason = "verifier: " + verdict.reason();
        }
        return new SemanticFind(null, 0, lastReason, query);
    }

    /**
     * The nearest candidates, a few first: only those above the floor count, and they are rarely more than a few,
     * while a search for 50 cost twice the CPU of one for 16 (215 vs 97 µs on 3,000 entries, benchmarks/README.md;
     * it reads every hit's stored id). When all of the few are above the floor there may be more, and the full number
     * is searched.
     */
    private List<Candidate> nearest(String partition, float[] query, double floor) throws IOException {
        int all = settings.candidates();
        int first = Math.min(all, FIRST_CANDIDATES);
        List<Candidate> found = index.search(partition, query, first);
        if (first == all || found.size() < first || found.getLast().cosine() < floor) {
            return found;
        }
        return index.search(partition, query, all);
    }

    /** Same tenant and partition (guards against any key or index mix-up), and not expired (an expired one goes). */
    private boolean usable(CacheEntry entry, CacheRequest request, RequestKeys keys, long now) {
        if (!entry.tenant().equals(request.tenant()) || !entry.partition().equals(keys.partition())) {
            return false;
        }
        if (entry.expiredAt(now)) {
            removeEntries(List.of(entry.id()));
            expirations.increment();
            return false;
        }
        return true;
    }

    private LookupResult.Hit hit(CacheEntry entry, LookupResult.Kind kind, double similarity, String reason,
                                 long now) {
        (kind == LookupResult.Kind.EXACT ? exactHits : semanticHits).increment();
        // Hit statistics go to the store in batches (housekeeping): a write per hit would cost more than the hit.
        pendingHits.merge(entry.id(), new PendingHit(now, 1),
                (a, b) -> new PendingHit(Math.max(a.lastHitAt(), b.lastHitAt()), a.count() + b.count()));
        recency.hit(entry.id(), now);
        return new LookupResult.Hit(entry.hitAt(now), kind, similarity, reason);
    }

    /** Offers an answer; stores it when the rules allow, and says what happened. Never throws for a bad store. */
    public StoreOutcome store(CacheRequest request, AnswerToStore answer, StoreOptions options) {
        Duration ttl = options.ttlOverride() != null ? options.ttlOverride() : settings.ttl();
        StoreDecision decision = settings.rules().decide(request, answer.facts(), ttl);
        if (!decision.store()) {
            skippedStores.increment();
            return StoreOutcome.skipped(decision.reason());
        }
        RequestKeys keys = RequestKeys.of(request);
        float[] vector = null;
        if (!decision.exactOnly()) {
            vector = options.queryVector();
            if (vector == null) {
                String text = request.semanticText();
                try {
                    vector = workers.call(() -> embedder.embed(text), settings.semanticTimeout());
                } catch (FailOpen e) {
                    failedOpen.increment();
                    log.debug("storing exact-only, embedding failed: {}", e.getMessage());
                }
            }
        }
        long now = clock.millis();
        long expiresAt = decision.ttl().isZero() ? 0 : now + decision.ttl().toMillis();
        String id = "ce_" + HexFormat.of().formatHex(randomBytes());
        CacheEntry entry = new CacheEntry(id, keys.exact(), keys.partition(), request.tenant(), request.route(),
                request.lastUserText(), answer.body(), answer.provider(), answer.model(), now, now, 0, expiresAt,
                vector);
        removalLock.readLock().lock();
        try {
            if (options.removalMark() != StoreOptions.NO_MARK && options.removalMark() != removals) {
                // A purge or invalidation ran while this answer was being made: it may be exactly what the admin
                // meant to remove (the old model version's answer), so it is dropped, not stored after the purge.
                skippedStores.increment();
                return StoreOutcome.skipped("purged or invalidated while in flight");
            }
            Optional<String> replaced = store.put(entry);
            if (replaced.isPresent()) {
                index.delete(replaced.get());
                recency.remove(replaced.get());
            }
            recency.put(id, now, expiresAt);
            if (vector != null) {
                index.add(id, keys.partition(), vector);
            }
        } catch (IOException | RuntimeException e) {
            // The answer already went to the client; a store that fails costs a future hit, nothing more.
            log.warn("cache store failed: {}", e.toString());
            skippedStores.increment();
            return StoreOutcome.skipped("store failed: " + e.getMessage());
        } finally {
            removalLock.readLock().unlock();
        }
        stores.increment();
        evictIfFull();
        return new StoreOutcome(true, id, vector != null, decision.reason());
    }

    private byte[] randomBytes() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }

    private void evictIfFull() {
        if (recency.size() <= settings.maxEntries()) {
            return;
        }
        synchronized (evictionLock) {
            if (recency.size() <= settings.maxEntries()) {
                return;
            }
            int target = Math.max(1, (int) (settings.maxEntries() * LOW_WATER));
            List<String> victims = recency.leastRecentlyHit(target);
            removeEntries(victims);
            evictions.add(victims.size());
        }
    }

    /**
     * The mark to take before a lookup and hand back in {@link StoreOptions#removalMark()}: an answer whose mark is
     * older than the last purge or invalidation is not stored.
     */
    public long removalMark() {
        return removals;
    }

    /** Removes entries by an admin's filter; returns how many went. */
    public int purge(PurgeFilter filter) {
        return removeAfterMoving(filter::matches);
    }

    /** Removes entries made by a route, provider or model; returns how many went. */
    public int invalidate(Invalidation invalidation) {
        return removeAfterMoving(invalidation::matches);
    }

    /** Moves the removal mark (see {@link #removalLock}), then removes what matches. */
    private int removeAfterMoving(Predicate<CacheEntry> condition) {
        removalLock.writeLock().lock();
        try {
            removals++;
        } finally {
            removalLock.writeLock().unlock();
        }
        int removed = removeWhere(condition);
        store.commit();
        return removed;
    }

    private int removeWhere(Predicate<CacheEntry> condition) {
        List<String> ids = new ArrayList<>();
        store.forEach(e -> {
            if (condition.test(e)) {
                ids.add(e.id());
            }
        });
        return removeEntries(ids);
    }

    private int removeEntries(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        int removed = store.removeAll(ids);
        try {
            for (String id : ids) {
                index.delete(id);
                recency.remove(id);
                pendingHits.remove(id);
            }
        } catch (IOException e) {
            // The store is the truth: a lost delete leaves a document whose entry is gone, which lookups skip,
            // and the next start's count check rebuilds the index.
            log.warn("cache index delete failed: {}", e.toString());
        }
        return removed;
    }

    /** Drops expired entries, writes hit statistics and commits the index (runs every commit interval). */
    void housekeeping() {
        try {
            List<String> expired = recency.expired(clock.millis());
            expirations.add(removeEntries(expired));
            writeHits();
            store.commit();
            index.commit();
        } catch (IOException | RuntimeException e) {
            log.warn("cache housekeeping failed: {}", e.toString());
        }
    }

    private void writeHits() {
        if (pendingHits.isEmpty()) {
            return;
        }
        java.util.Map<String, Long> lastHits = new java.util.HashMap<>();
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (String id : List.copyOf(pendingHits.keySet())) {
            PendingHit hit = pendingHits.remove(id);
            if (hit != null) {
                lastHits.put(id, hit.lastHitAt());
                counts.put(id, hit.count());
            }
        }
        store.recordHits(lastHits, counts);
    }

    /** Folds recently added vectors into Lucene's searcher (they are found by brute force until then). */
    private void refreshIndex() {
        try {
            if (index.pendingCount() > 0) {
                index.refresh();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cache index refresh failed: {}", e.toString());
        }
    }

    public CacheStats stats() {
        return new CacheStats(lookups.sum(), exactHits.sum(), semanticHits.sum(), misses.sum(), failedOpen.sum(),
                stores.sum(), skippedStores.sum(), evictions.sum(), expirations.sum(), store.size());
    }

    /** How the index was obtained at start: opened as it was, created empty, or rebuilt from the store. */
    public IndexRecovery.Outcome indexOutcome() {
        return indexOutcome;
    }

    public Optional<CacheEntry> entry(String id) {
        return store.get(id);
    }

    public Embedder embedder() {
        return embedder;
    }

    @Override
    public void close() {
        // shutdown, not shutdownNow: an interrupt inside Lucene's file I/O would break the index writer for good.
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close();
        try {
            writeHits();
            index.commit();
            index.close();
        } catch (IOException e) {
            log.warn("closing the cache index failed: {}", e.toString());
        } finally {
            store.close();
        }
    }
}
