package dev.detour.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code cache:} section: whether the semantic cache runs, for which tenant (until gateway keys exist, every
 * request belongs to this one), its embedding model, cosine threshold, default TTL (zero: no expiry), size limit,
 * the hottest temperature still cached, how long a lookup may take before it fails open, how many candidates a
 * search asks for, the rule for time-sensitive questions, the verifier that judges each semantic candidate
 * ({@code trained}: the false-hit guard and the model trained on QQP pairs; {@code cosine}: the threshold alone),
 * and the memory kept for the hottest entries (two thirds decoded, one third as answers ready to send).
 */
public record CacheConfig(boolean enabled, String tenant, String embeddingModel, double threshold, Duration ttl,
                          int maxEntries, double maxTemperature, Duration lookupTimeout, int candidates,
                          TimeSensitiveRule timeSensitive, String verifier, long hotMemoryBytes) {

    /** 32 MiB of decoded entries and 16 MiB of ready answers: a few thousand hot entries of a few KB. */
    public static final long DEFAULT_HOT_MEMORY_BYTES = 48L << 20;

    public static final String TRAINED_VERIFIER = "trained";
    public static final String COSINE_VERIFIER = "cosine";

    /** Time-sensitive questions: {@code short_ttl}, {@code no_store} or {@code ignore}, the short TTL, the phrases. */
    public record TimeSensitiveRule(String action, Duration ttl, List<String> phrases) {

        public TimeSensitiveRule {
            phrases = List.copyOf(phrases);
        }
    }

    public static final List<String> DEFAULT_PHRASES = List.of("today", "tonight", "now", "right now", "currently",
            "current", "latest", "this week", "this month", "this year", "yesterday", "tomorrow", "breaking",
            "news", "price of", "stock price", "weather", "score");

    /** The settings a file starts from (on, also when it has no {@code cache:} section); in code the cache is off. */
    public static final CacheConfig DEFAULTS = new CacheConfig(true, "default", "all-minilm-l6-v2-q", 0.92,
            Duration.ofHours(24), 100_000, 0.5, Duration.ofMillis(50), 50,
            new TimeSensitiveRule("short_ttl", Duration.ofMinutes(5), DEFAULT_PHRASES), TRAINED_VERIFIER,
            DEFAULT_HOT_MEMORY_BYTES);

    public static final CacheConfig DISABLED = DEFAULTS.withEnabled(false);

    public CacheConfig withEnabled(boolean on) {
        return new CacheConfig(on, tenant, embeddingModel, threshold, ttl, maxEntries, maxTemperature, lookupTimeout,
                candidates, timeSensitive, verifier, hotMemoryBytes);
    }

    public CacheConfig withTtl(Duration newTtl) {
        return new CacheConfig(enabled, tenant, embeddingModel, threshold, newTtl, maxEntries, maxTemperature,
                lookupTimeout, candidates, timeSensitive, verifier, hotMemoryBytes);
    }

    public CacheConfig withLookupTimeout(Duration timeout) {
        return new CacheConfig(enabled, tenant, embeddingModel, threshold, ttl, maxEntries, maxTemperature, timeout,
                candidates, timeSensitive, verifier, hotMemoryBytes);
    }

    public CacheConfig withTenant(String newTenant) {
        return new CacheConfig(enabled, newTenant, embeddingModel, threshold, ttl, maxEntries, maxTemperature,
                lookupTimeout, candidates, timeSensitive, verifier, hotMemoryBytes);
    }

    /** The part of {@link #hotMemoryBytes()} for decoded entries in the cache's store. */
    public long hotEntryBytes() {
        return hotMemoryBytes - readyAnswerBytes();
    }

    /** The part of {@link #hotMemoryBytes()} for hot answers kept as the bytes a hit sends. */
    public long readyAnswerBytes() {
        return hotMemoryBytes / 3;
    }

    public CacheConfig withVerifier(String newVerifier) {
        return new CacheConfig(enabled, tenant, embeddingModel, threshold, ttl, maxEntries, maxTemperature,
                lookupTimeout, candidates, timeSensitive, newVerifier, hotMemoryBytes);
    }
}
