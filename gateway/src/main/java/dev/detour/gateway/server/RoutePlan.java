package dev.detour.gateway.server;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.LocalConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.Tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the configured routes into the route table, adding every provider model under its {@code provider/model}
 * name, every local model as {@code local/<name>}, and the local last resort (when configured) to every route.
 */
final class RoutePlan {

    /** A directly addressed model has one tier; it gets the first tier's default timeout. */
    static final Duration DIRECT_TIMEOUT = Duration.ofSeconds(2);

    private RoutePlan() {
    }

    static RouteTable from(DetourConfig config) {
        List<Route> routes = new ArrayList<>();
        LocalConfig local = config.local();
        config.routes().forEach(route -> routes.add(withLastResort(new Route(route.name(),
                route.tiers().stream().map(tier -> new Tier(tier.targets(), tier.timeout(), tier.idleTimeout(),
                        tier.totalTimeout(), tier.weights())).toList(), route.strategy()), local)));
        for (ProviderConfig provider : config.providers()) {
            provider.models().forEach(model -> {
                DeploymentId id = new DeploymentId(provider.name(), model.name());
                routes.add(new Route(id.toString(), List.of(new Tier(List.of(id), DIRECT_TIMEOUT))));
            });
        }
        local.models().keySet().stream().sorted().forEach(name -> {
            DeploymentId id = new DeploymentId(LocalConfig.PROVIDER, name);
            routes.add(new Route(id.toString(), List.of(new Tier(List.of(id), local.tierTimeout()))));
        });
        return new RouteTable(routes);
    }

    /** The route with the configured local last resort as its final tier (unless it already names it). */
    private static Route withLastResort(Route route, LocalConfig local) {
        if (local.lastResort() == null) {
            return route;
        }
        DeploymentId id = new DeploymentId(LocalConfig.PROVIDER, local.lastResort());
        if (route.tiers().stream().anyMatch(t -> t.deployments().contains(id))) {
            return route;
        }
        List<Tier> tiers = new ArrayList<>(route.tiers());
        tiers.add(new Tier(List.of(id), local.tierTimeout()));
        return new Route(route.name(), tiers, route.strategy());
    }
}
