package dev.detour.gateway.cache;

/** The request and response headers of the semantic cache. */
public final class CacheHeaders {

    /** Request: {@code bypass}, {@code refresh} or {@code only}. Response: {@code exact}, {@code semantic} or {@code miss}. */
    public static final String CACHE = "x-detour-cache";
    /** Response, on a semantic hit: the cosine similarity of the question to the cached one. */
    public static final String SIMILARITY = "x-detour-cache-similarity";
    /** Response, on a hit: the entry's id (for an admin purge of that one entry). */
    public static final String ENTRY_ID = "x-detour-cache-id";
    /** Request: the TTL of the entry this request's answer makes, a duration such as {@code 10m}, or seconds. */
    public static final String TTL = "x-detour-cache-ttl";
    /** Request: the lowest cosine similarity this request accepts for a semantic hit (stricter only). */
    public static final String THRESHOLD = "x-detour-cache-threshold";

    private CacheHeaders() {
    }
}
