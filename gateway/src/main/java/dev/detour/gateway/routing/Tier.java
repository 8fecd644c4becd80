package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Duration;
import java.util.List;

/** One tier of a route: deployments tried in order, each given {@code timeout} to start answering. */
public record Tier(List<DeploymentId> deployments, Duration timeout) {

    public Tier {
        deployments = List.copyOf(deployments);
    }
}
