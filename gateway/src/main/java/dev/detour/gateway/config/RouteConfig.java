package dev.detour.gateway.config;

import dev.detour.gateway.routing.Strategy;

import java.util.List;

/**
 * A route: the name clients send as {@code model}, the tiers of provider models that serve it, and the strategy
 * that orders each tier's healthy models.
 */
public record RouteConfig(String name, List<TierConfig> tiers, Strategy strategy) {

    public RouteConfig {
        tiers = List.copyOf(tiers);
        strategy = strategy == null ? Strategy.PRIORITY : strategy;
    }

    public RouteConfig(String name, List<TierConfig> tiers) {
        this(name, tiers, Strategy.PRIORITY);
    }
}
