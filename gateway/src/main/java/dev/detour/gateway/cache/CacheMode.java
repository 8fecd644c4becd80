package dev.detour.gateway.cache;

/** What a request asks of the cache through the {@code x-detour-cache} header. */
public enum CacheMode {
    /** Look up, and store the answer on a miss. */
    NORMAL,
    /** Neither look up nor store. */
    BYPASS,
    /** Do not look up; store the fresh answer (it replaces the cached one). */
    REFRESH,
    /** Answer from the cache or not at all (504 on a miss, as HTTP's only-if-cached). */
    ONLY
}
