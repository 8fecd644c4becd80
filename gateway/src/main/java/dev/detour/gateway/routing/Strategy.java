package dev.detour.gateway.routing;

import java.util.Arrays;
import java.util.Optional;

/** How a route orders the healthy deployments of each tier. */
public enum Strategy {
    /** Tiers in order, each tier's deployments as listed (weights, when given, pick who goes first). */
    PRIORITY("priority"),
    /** The cheapest healthy deployment first (weighted round-robin among equal prices), then the fastest others. */
    CHEAPEST_FIRST("cheapest-first"),
    /** The lowest recent time to first token (p50) first. */
    LATENCY("latency");

    private final String configName;

    Strategy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<Strategy> byConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
