package dev.detour.gateway.config;

import dev.detour.gateway.health.HealthPolicy;

import java.time.Duration;

/**
 * The {@code routing:} section: the cap on one request (all attempts and the whole stream), the default idle limit
 * of a started stream, and how deployment health is judged.
 */
public record RoutingConfig(Duration requestTimeout, Duration idleTimeout, HealthPolicy health) {

    public static final RoutingConfig DEFAULTS = new RoutingConfig(Duration.ofSeconds(120), Duration.ofSeconds(30),
            HealthPolicy.DEFAULTS);

    public RoutingConfig withHealth(HealthPolicy newHealth) {
        return new RoutingConfig(requestTimeout, idleTimeout, newHealth);
    }
}
