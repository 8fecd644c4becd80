package dev.detour.cache;

/** A snapshot of the cache's counters since start. */
public record CacheStats(long lookups, long exactHits, long semanticHits, long misses, long failedOpen,
                         long stores, long skippedStores, long evictions, long expirations, int entries) {
}
