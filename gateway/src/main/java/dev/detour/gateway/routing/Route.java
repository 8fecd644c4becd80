package dev.detour.gateway.routing;

import java.util.List;

/** What a client names as {@code model}: tiers of deployments, tried in order until one answers. */
public record Route(String name, List<Tier> tiers) {

    public Route {
        tiers = List.copyOf(tiers);
    }
}
