package dev.detour.gateway.config;

import java.util.List;

/** The whole validated configuration of one gateway process (from detour.yaml, or from the environment). */
public record DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes,
                           PricesConfig prices, IdempotencyConfig idempotency) {

    public DetourConfig {
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
        prices = prices == null ? PricesConfig.DEFAULTS : prices;
        idempotency = idempotency == null ? IdempotencyConfig.DEFAULTS : idempotency;
    }

    /** A configuration with the default price source (none) and idempotency window. */
    public DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes) {
        this(server, providers, routes, PricesConfig.DEFAULTS, IdempotencyConfig.DEFAULTS);
    }

    public DetourConfig withServer(ServerConfig newServer) {
        return new DetourConfig(newServer, providers, routes, prices, idempotency);
    }

    public DetourConfig withPrices(PricesConfig newPrices) {
        return new DetourConfig(server, providers, routes, newPrices, idempotency);
    }

    public DetourConfig withIdempotency(IdempotencyConfig newIdempotency) {
        return new DetourConfig(server, providers, routes, prices, newIdempotency);
    }

    public ProviderConfig provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
