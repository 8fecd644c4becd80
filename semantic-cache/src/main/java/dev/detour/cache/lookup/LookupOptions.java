package dev.detour.cache.lookup;

/**
 * Per-request lookup controls. {@code minSimilarity}, when set, discards candidates below it before the verifier is
 * asked: a request can make matching stricter, never looser than the verifier allows. {@code exactOnly} skips the
 * semantic step.
 */
public record LookupOptions(Double minSimilarity, boolean exactOnly) {

    public static final LookupOptions DEFAULT = new LookupOptions(null, false);
}
