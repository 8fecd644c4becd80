package dev.detour.gateway.config;

import java.util.List;

/** The whole validated configuration of one gateway process (from detour.yaml, or from the environment). */
public record DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes,
                           CacheConfig cache) {

    public DetourConfig {
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
        cache = cache == null ? CacheConfig.DISABLED : cache;
    }

    /** A configuration without a cache (what a file with no {@code cache:} section gives). */
    public DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes) {
        this(server, providers, routes, CacheConfig.DISABLED);
    }

    public DetourConfig withServer(ServerConfig newServer) {
        return new DetourConfig(newServer, providers, routes, cache);
    }

    public DetourConfig withCache(CacheConfig newCache) {
        return new DetourConfig(server, providers, routes, newCache);
    }

    public ProviderConfig provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
