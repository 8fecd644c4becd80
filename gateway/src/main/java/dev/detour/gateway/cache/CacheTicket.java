package dev.detour.gateway.cache;

import dev.detour.cache.StoreOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.request.CacheRequest;

/**
 * What the lookup step hands to the store step for one request: the request as the cache describes it (null when
 * it is not cacheable or the cache is off), the controls the client sent, the query's embedding if the lookup made
 * one, the hit when the cache already answered (null otherwise), and the cache's removal mark taken before the
 * lookup, so an answer made while an admin purged is not stored after the purge.
 */
public record CacheTicket(CacheRequest request, CacheControls controls, float[] queryVector, LookupResult.Hit hit,
                          long removalMark) {

    public static final CacheTicket NONE = new CacheTicket(null, null, null, null, StoreOptions.NO_MARK);

    public boolean answered() {
        return hit != null;
    }

    public boolean mayStore() {
        return request != null && controls != null && controls.mayStore();
    }
}
