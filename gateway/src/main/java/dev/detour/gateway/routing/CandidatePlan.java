package dev.detour.gateway.routing;

import java.util.List;

/**
 * The order in which one request tries deployments: the available ones (strategy order within each tier, tiers in
 * order), then, so a request is never black-holed, the least bad of those whose circuit is open. Deployments cooling
 * down after a 429 are never forced: calling them would only hammer a provider that asked us to wait.
 *
 * @param lastResort      null when nothing is held back or only cooling deployments are
 * @param coolingNanos    the shortest cool-down left among held-back deployments (0 if none), for a Retry-After
 */
public record CandidatePlan(List<Candidate> candidates, Candidate lastResort, long coolingNanos) {

    public CandidatePlan {
        candidates = List.copyOf(candidates);
    }
}
