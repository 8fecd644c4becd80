package dev.detour.gateway.config;

import java.util.List;

/** The whole validated configuration of one gateway process (from detour.yaml, or from the environment). */
public record DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes,
                           LocalConfig local) {

    public DetourConfig {
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
        local = local == null ? LocalConfig.NONE : local;
    }

    /** A configuration without local models. */
    public DetourConfig(ServerConfig server, List<ProviderConfig> providers, List<RouteConfig> routes) {
        this(server, providers, routes, LocalConfig.NONE);
    }

    public DetourConfig withServer(ServerConfig newServer) {
        return new DetourConfig(newServer, providers, routes, local);
    }

    public DetourConfig withLocal(LocalConfig newLocal) {
        return new DetourConfig(server, providers, routes, newLocal);
    }

    public ProviderConfig provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
