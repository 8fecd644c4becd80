package dev.detour.gateway.health;

import dev.detour.gateway.providers.DeploymentId;

import java.util.Map;

/** Every deployment's health at one instant: immutable, replaced (never changed) when something changes. */
public record HealthSnapshot(long version, long publishedAtMillis, Map<DeploymentId, DeploymentStatus> deployments) {

    public static final HealthSnapshot EMPTY = new HealthSnapshot(0, 0, Map.of());

    public HealthSnapshot {
        deployments = Map.copyOf(deployments);
    }

    /** The deployment's status; an unknown deployment is taken as healthy. */
    public DeploymentStatus status(DeploymentId deployment) {
        DeploymentStatus status = deployments.get(deployment);
        return status != null ? status : DeploymentStatus.unknown(deployment);
    }
}
