package dev.detour.gateway.server;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.Tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the configured routes into the route table, adding every provider model under its {@code provider/model} name. */
final class RoutePlan {

    /** A directly addressed model has one tier; it gets the first tier's default timeout. */
    static final Duration DIRECT_TIMEOUT = Duration.ofSeconds(2);

    private RoutePlan() {
    }

    static RouteTable from(DetourConfig config) {
        List<Route> routes = new ArrayList<>();
        config.routes().forEach(route -> routes.add(new Route(route.name(),
                route.tiers().stream().map(tier -> new Tier(tier.targets(), tier.timeout(), tier.idleTimeout(),
                        tier.totalTimeout(), tier.weights())).toList(), route.strategy())));
        for (ProviderConfig provider : config.providers()) {
            provider.models().forEach(model -> {
                DeploymentId id = new DeploymentId(provider.name(), model.name());
                routes.add(new Route(id.toString(), List.of(new Tier(List.of(id), DIRECT_TIMEOUT))));
            });
        }
        return new RouteTable(routes);
    }
}
