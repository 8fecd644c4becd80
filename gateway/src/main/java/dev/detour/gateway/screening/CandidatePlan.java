package dev.detour.gateway.screening;

import dev.detour.gateway.providers.DeploymentId;

/**
 * One candidate that passed screening: its estimated prompt tokens, the output limit it is sent (null: the client's
 * own, unchanged) and the most the request may cost there (prompt plus the largest possible answer, USD).
 */
public record CandidatePlan(DeploymentId id, int promptTokens, Integer adjustedOutputLimit, int outputTokensAtMost,
                            double estimatedCostUsd) {
}
