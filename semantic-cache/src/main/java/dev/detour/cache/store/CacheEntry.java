package dev.detour.cache.store;

/**
 * One cached answer, as the store keeps it. {@code answer} is the complete response in the OpenAI schema, opaque
 * here (the gateway writes and reads it). {@code vector} is the embedding of {@code queryText}, kept so the index can
 * be rebuilt without embedding again; it is null for an exact-only entry (tool calls, non-text questions).
 * Times are epoch milliseconds; {@code expiresAt} 0 means the entry does not expire.
 */
public record CacheEntry(String id, String exactKey, String partition, String tenant, String route,
                         String queryText, byte[] answer, String provider, String model,
                         long createdAt, long lastHitAt, long hitCount, long expiresAt, float[] vector) {

    public boolean semantic() {
        return vector != null;
    }

    public boolean expiredAt(long nowMillis) {
        return expiresAt > 0 && nowMillis >= expiresAt;
    }

    public CacheEntry hitAt(long nowMillis) {
        return new CacheEntry(id, exactKey, partition, tenant, route, queryText, answer, provider, model, createdAt,
                nowMillis, hitCount + 1, expiresAt, vector);
    }
}
