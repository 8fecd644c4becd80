package dev.detour.gateway.screening;

import dev.detour.gateway.providers.DeploymentId;

/**
 * One candidate that passed screening: its estimated prompt tokens (-1: not counted, because even an upper bound fitted
 * with room to spare and no budget needed a figure), the output limit it is sent (null: the client's own, unchanged)
 * and the most the request may cost there (prompt plus the largest possible answer, USD; NaN when not estimated).
 */
public record CandidatePlan(DeploymentId id, int promptTokens, Integer adjustedOutputLimit, int outputTokensAtMost,
                            double estimatedCostUsd) {

    public boolean promptCounted() {
        return promptTokens >= 0;
    }
}
