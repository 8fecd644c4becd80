package dev.detour.cache.lookup;

import dev.detour.cache.store.CacheEntry;

/** The outcome of a cache lookup. */
public sealed interface LookupResult {

    /** How a hit was found. */
    enum Kind { EXACT, SEMANTIC }

    /** A cached answer for the request; {@code similarity} is 1 for an exact hit. */
    record Hit(CacheEntry entry, Kind kind, double similarity, String reason) implements LookupResult {
    }

    /**
     * No usable entry. {@code queryVector} is the embedding computed on the way (null when none was), so that storing
     * the answer afterwards need not embed the same text again. {@code failedOpen} says the semantic step gave up.
     */
    record Miss(String reason, float[] queryVector, boolean failedOpen) implements LookupResult {
    }
}
