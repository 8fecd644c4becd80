package dev.detour.gateway.config;

import dev.detour.gateway.routing.Strategy;

import java.util.List;

/**
 * A route: the name clients send as {@code model}, the tiers of provider models that serve it, the strategy that
 * orders each tier's healthy models, and the request-specific screening of its candidates (context window, budget,
 * language).
 */
public record RouteConfig(String name, List<TierConfig> tiers, Strategy strategy, RouteScreening screening) {

    public RouteConfig {
        tiers = List.copyOf(tiers);
        strategy = strategy == null ? Strategy.PRIORITY : strategy;
        screening = screening == null ? RouteScreening.DEFAULTS : screening;
    }

    /** A route with the priority strategy and the default screening. */
    public RouteConfig(String name, List<TierConfig> tiers) {
        this(name, tiers, Strategy.PRIORITY, RouteScreening.DEFAULTS);
    }

    /** A route with the priority strategy and the given screening. */
    public RouteConfig(String name, List<TierConfig> tiers, RouteScreening screening) {
        this(name, tiers, Strategy.PRIORITY, screening);
    }
}
