package dev.detour.gateway.config;

import java.util.List;

/** The whole validated configuration of one gateway process (from detour.yaml, or from the environment). */
public record DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes,
                           RoutingConfig routing) {

    public DetourConfig {
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
        routing = routing == null ? RoutingConfig.DEFAULTS : routing;
    }

    /** A configuration with the default routing limits and health policy. */
    public DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes) {
        this(server, providers, routes, RoutingConfig.DEFAULTS);
    }

    public DetourConfig withServer(ServerConfig newServer) {
        return new DetourConfig(newServer, providers, routes, routing);
    }

    public DetourConfig withRouting(RoutingConfig newRouting) {
        return new DetourConfig(server, providers, routes, newRouting);
    }

    public ProviderConfig provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
