package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes named after models, so a client can send {@code model: gpt-4o-mini} with no routes written. When two
 * providers serve a model under the same name, its route tries them in provider order.
 */
final class ModelRoutes {

    private ModelRoutes() {
    }

    static List<RouteConfig> onePerModel(List<ProviderConfig> providers) {
        Map<String, List<DeploymentId>> targetsByModel = new LinkedHashMap<>();
        for (ProviderConfig provider : providers) {
            for (ModelConfig model : provider.models()) {
                targetsByModel.computeIfAbsent(model.name(), name -> new ArrayList<>())
                        .add(new DeploymentId(provider.name(), model.name()));
            }
        }
        List<RouteConfig> routes = new ArrayList<>();
        targetsByModel.forEach((name, targets) ->
                routes.add(new RouteConfig(name, List.of(new TierConfig(targets, TierTimeouts.defaultFor(0))))));
        return routes;
    }
}
