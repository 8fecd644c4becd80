package dev.detour.cache.admin;

import dev.detour.cache.store.CacheEntry;

/**
 * Entries that no longer hold because what made them changed: by route, by provider, by model (for instance when a
 * provider's model version changes). Every condition given must hold; at least one must be given.
 */
public record Invalidation(String route, String provider, String model) {

    public Invalidation {
        if (route == null && provider == null && model == null) {
            throw new IllegalArgumentException("an invalidation names a route, a provider or a model");
        }
    }

    public boolean matches(CacheEntry entry) {
        return (route == null || route.equals(entry.route()))
                && (provider == null || provider.equals(entry.provider()))
                && (model == null || model.equals(entry.model()));
    }
}
