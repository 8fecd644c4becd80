package dev.detour.gateway.cache;

import dev.detour.cache.policy.AnswerFacts;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Route;

/**
 * Where an answer came from, for the cache's rules: only the route's first tier speaks for the route. An answer from
 * a later tier (failover) is right for this request but not the route's answer, and a degraded one (the local model,
 * a stale answer) never is, so neither is stored.
 */
public final class AnswerOrigins {

    private AnswerOrigins() {
    }

    /** @param degraded the routing layer's own mark on the answer (local model or other degraded source) */
    public static AnswerFacts.Origin of(Route route, DeploymentId servedBy, boolean degraded) {
        if (degraded) {
            return AnswerFacts.Origin.DEGRADED;
        }
        boolean firstChoice = !route.tiers().isEmpty() && route.tiers().getFirst().deployments().contains(servedBy);
        return firstChoice ? AnswerFacts.Origin.REQUESTED_ROUTE : AnswerFacts.Origin.FAILOVER;
    }
}
