package dev.detour.gateway.config;

import java.util.List;

/**
 * The whole validated configuration of one gateway process (from detour.yaml, or from the environment). Sections a
 * file leaves out get their defaults; built in code (tests), the cache is off and there are no local models.
 */
public record DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes,
                           RoutingConfig routing, PricesConfig prices, IdempotencyConfig idempotency,
                           LocalConfig local, CacheConfig cache) {

    public DetourConfig {
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
        routing = routing == null ? RoutingConfig.DEFAULTS : routing;
        prices = prices == null ? PricesConfig.DEFAULTS : prices;
        idempotency = idempotency == null ? IdempotencyConfig.DEFAULTS : idempotency;
        local = local == null ? LocalConfig.NONE : local;
        cache = cache == null ? CacheConfig.DISABLED : cache;
    }

    /** A configuration with the defaults for everything but the server, providers and routes. */
    public DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes) {
        this(server, providers, routes, null, null, null, null, null);
    }

    public DetourConfig withServer(ServerConfig newServer) {
        return new DetourConfig(newServer, providers, routes, routing, prices, idempotency, local, cache);
    }

    public DetourConfig withRouting(RoutingConfig newRouting) {
        return new DetourConfig(server, providers, routes, newRouting, prices, idempotency, local, cache);
    }

    public DetourConfig withPrices(PricesConfig newPrices) {
        return new DetourConfig(server, providers, routes, routing, newPrices, idempotency, local, cache);
    }

    public DetourConfig withIdempotency(IdempotencyConfig newIdempotency) {
        return new DetourConfig(server, providers, routes, routing, prices, newIdempotency, local, cache);
    }

    public DetourConfig withLocal(LocalConfig newLocal) {
        return new DetourConfig(server, providers, routes, routing, prices, idempotency, newLocal, cache);
    }

    public DetourConfig withCache(CacheConfig newCache) {
        return new DetourConfig(server, providers, routes, routing, prices, idempotency, local, newCache);
    }

    public ProviderConfig provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
