package dev.detour.gateway.config;

import dev.detour.gateway.routing.Strategy;

import java.util.List;

/**
 * A route: the name clients send as {@code model}, the tiers of provider models that serve it, the strategy that
 * orders each tier's healthy models, the request-specific screening of its candidates (context window, budget,
 * language), and its consensus mode (null: off).
 */
public record RouteConfig(String name, List<TierConfig> tiers, Strategy strategy, RouteScreening screening,
                          ConsensusConfig consensus) {

    public RouteConfig {
        tiers = List.copyOf(tiers);
        strategy = strategy == null ? Strategy.PRIORITY : strategy;
        screening = screening == null ? RouteScreening.DEFAULTS : screening;
    }

    /** A route with the priority strategy, the default screening and no consensus. */
    public RouteConfig(String name, List<TierConfig> tiers) {
        this(name, tiers, Strategy.PRIORITY, RouteScreening.DEFAULTS, null);
    }

    /** A route with the priority strategy, the given screening and no consensus. */
    public RouteConfig(String name, List<TierConfig> tiers, RouteScreening screening) {
        this(name, tiers, Strategy.PRIORITY, screening, null);
    }

    /** A route with the given strategy and screening, without consensus. */
    public RouteConfig(String name, List<TierConfig> tiers, Strategy strategy, RouteScreening screening) {
        this(name, tiers, strategy, screening, null);
    }

    /** A route with the priority strategy and the given screening and consensus. */
    public RouteConfig(String name, List<TierConfig> tiers, RouteScreening screening, ConsensusConfig consensus) {
        this(name, tiers, Strategy.PRIORITY, screening, consensus);
    }
}
