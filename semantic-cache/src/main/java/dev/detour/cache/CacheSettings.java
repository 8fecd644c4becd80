package dev.detour.cache;

import dev.detour.cache.policy.AdmissionRules;
import dev.detour.cache.store.EntryStore;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one cache runs: its folder, the cosine floor for semantic candidates, the default TTL (zero: no expiry), the
 * most entries it keeps, how many candidates a search asks for, how long the semantic step may take before the
 * lookup fails open, how often hit statistics and the index are committed, what may be stored, and how many bytes
 * of the hottest entries are kept decoded in memory (0: none; every read then goes to the store).
 */
public record CacheSettings(Path directory, double threshold, Duration ttl, int maxEntries, int candidates,
                            Duration semanticTimeout, Duration commitInterval, AdmissionRules rules,
                            long hotEntryBytes) {

    public CacheSettings {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]");
        }
        if (maxEntries < 1 || candidates < 1) {
            throw new IllegalArgumentException("maxEntries and candidates must be positive");
        }
        if (ttl.isNegative() || semanticTimeout.isNegative() || semanticTimeout.isZero()) {
            throw new IllegalArgumentException("ttl must be >= 0 and the semantic timeout > 0");
        }
        if (hotEntryBytes < 0) {
            throw new IllegalArgumentException("hotEntryBytes must not be negative");
        }
    }

    public static CacheSettings defaults(Path directory) {
        return new CacheSettings(directory, 0.92, Duration.ofHours(24), 100_000, 50, Duration.ofMillis(50),
                Duration.ofSeconds(5), AdmissionRules.defaults(), EntryStore.DEFAULT_HOT_BYTES);
    }

    public CacheSettings withTtl(Duration newTtl) {
        return new CacheSettings(directory, threshold, newTtl, maxEntries, candidates, semanticTimeout,
                commitInterval, rules, hotEntryBytes);
    }

    public CacheSettings withMaxEntries(int newMax) {
        return new CacheSettings(directory, threshold, ttl, newMax, candidates, semanticTimeout, commitInterval,
                rules, hotEntryBytes);
    }

    public CacheSettings withSemanticTimeout(Duration newTimeout) {
        return new CacheSettings(directory, threshold, ttl, maxEntries, candidates, newTimeout, commitInterval,
                rules, hotEntryBytes);
    }

    public CacheSettings withRules(AdmissionRules newRules) {
        return new CacheSettings(directory, threshold, ttl, maxEntries, candidates, semanticTimeout, commitInterval,
                newRules, hotEntryBytes);
    }
}
