package dev.detour.cache;

import java.time.Duration;

/**
 * Per-request store controls: a TTL instead of the configured one (null: the configured one), the query's
 * embedding when the lookup already computed it (null: embed again if needed), and the
 * {@link SemanticCache#removalMark() removal mark} taken before the lookup ({@link #NO_MARK}: none taken), so an
 * answer that was in flight during a purge or invalidation is not stored after it.
 */
public record StoreOptions(Duration ttlOverride, float[] queryVector, long removalMark) {

    public static final long NO_MARK = -1;
    public static final StoreOptions DEFAULT = new StoreOptions(null, null, NO_MARK);

    public StoreOptions(Duration ttlOverride, float[] queryVector) {
        this(ttlOverride, queryVector, NO_MARK);
    }
}
