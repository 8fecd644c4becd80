package dev.detour.cache;

import java.time.Duration;

/**
 * Per-request store controls: a TTL instead of the configured one (null: the configured one), and the query's
 * embedding when the lookup already computed it (null: embed again if needed).
 */
public record StoreOptions(Duration ttlOverride, float[] queryVector) {

    public static final StoreOptions DEFAULT = new StoreOptions(null, null);
}
