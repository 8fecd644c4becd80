package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

/** A deployment the executor may try for one request, with the tier whose limits apply to it. */
public record Candidate(DeploymentId deployment, Tier tier) {
}
