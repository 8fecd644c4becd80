package dev.detour.cache.admin;

import dev.detour.cache.store.CacheEntry;

import java.time.Instant;

/**
 * Which entries an admin purge removes: every condition given must hold (tenant, route, created before, entry id);
 * with none given, everything goes.
 */
public record PurgeFilter(String tenant, String route, Instant createdBefore, String id) {

    public static final PurgeFilter EVERYTHING = new PurgeFilter(null, null, null, null);

    public boolean matches(CacheEntry entry) {
        return (tenant == null || tenant.equals(entry.tenant()))
                && (route == null || route.equals(entry.route()))
                && (createdBefore == null || entry.createdAt() < createdBefore.toEpochMilli())
                && (id == null || id.equals(entry.id()));
    }
}
