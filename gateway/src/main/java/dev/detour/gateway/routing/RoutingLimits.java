package dev.detour.gateway.routing;

import java.time.Duration;

/**
 * Limits that apply to every request: the overall cap (all attempts, the whole stream included) and the idle limit
 * of a started stream when its tier does not set one.
 */
public record RoutingLimits(Duration requestTimeout, Duration idleTimeout) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final RoutingLimits DEFAULTS = new RoutingLimits(DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
}
