package dev.detour.gateway.config;

import java.util.List;

/** A route: the name clients send as {@code model}, and the tiers of provider models that serve it, in order. */
public record RouteConfig(String name, List<TierConfig> tiers) {

    public RouteConfig {
        tiers = List.copyOf(tiers);
    }
}
