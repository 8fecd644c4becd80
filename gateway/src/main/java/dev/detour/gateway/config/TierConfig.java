package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Duration;
import java.util.List;

/**
 * One tier of a route: the deployments tried, in order, before the next tier; and how long each attempt in this
 * tier may take to produce its first byte (non-streaming: the whole answer).
 */
public record TierConfig(List<DeploymentId> targets, Duration timeout) {

    public TierConfig {
        targets = List.copyOf(targets);
    }
}
