package dev.detour.gateway.config;

import java.util.List;

/** The whole validated configuration of one gateway process (from detour.yaml, or from the environment). */
public record DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes) {

    public DetourConfig {
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
    }

    public DetourConfig withServer(ServerConfig newServer) {
        return new DetourConfig(newServer, providers, routes);
    }

    public ProviderConfig provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
