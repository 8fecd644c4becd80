package dev.detour.gateway.config;

import java.util.List;

/**
 * A route: the name clients send as {@code model}, the tiers of provider models that serve it, in order, the
 * request-specific screening of its candidates (context window, budget, language), and its consensus mode (null: off).
 */
public record RouteConfig(String name, List<TierConfig> tiers, RouteScreening screening, ConsensusConfig consensus) {

    public RouteConfig {
        tiers = List.copyOf(tiers);
        screening = screening == null ? RouteScreening.DEFAULTS : screening;
    }

    /** A route without consensus mode. */
    public RouteConfig(String name, List<TierConfig> tiers, RouteScreening screening) {
        this(name, tiers, screening, null);
    }

    /** A route with the default screening. */
    public RouteConfig(String name, List<TierConfig> tiers) {
        this(name, tiers, RouteScreening.DEFAULTS);
    }
}
