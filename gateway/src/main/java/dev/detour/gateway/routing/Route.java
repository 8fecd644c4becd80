package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.util.List;
import java.util.function.Predicate;

/** What a client names as {@code model}: tiers of deployments, tried in order until one answers. */
public record Route(String name, List<Tier> tiers, Strategy strategy) {

    public Route {
        tiers = List.copyOf(tiers);
        strategy = strategy == null ? Strategy.PRIORITY : strategy;
    }

    public Route(String name, List<Tier> tiers) {
        this(name, tiers, Strategy.PRIORITY);
    }

    /**
     * The same route with only the deployments {@code eligible} keeps (a request-specific screen: context window,
     * budget, language); tiers left empty are dropped, everything else about the route stays.
     */
    public Route restrictedTo(Predicate<DeploymentId> eligible) {
        List<Tier> kept = tiers.stream()
                .map(tier -> tier.keeping(eligible))
                .filter(tier -> !tier.deployments().isEmpty())
                .toList();
        return new Route(name, kept, strategy);
    }
}
