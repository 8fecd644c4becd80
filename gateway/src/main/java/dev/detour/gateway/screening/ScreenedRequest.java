package dev.detour.gateway.screening;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.wire.ChatCompletionRequest;

import java.util.Map;

/**
 * A request after screening: the route cut down to the candidates that can take it, the request as it goes out
 * (trimmed when the route allows), each candidate's plan, how many messages trimming dropped, and the prompt's
 * detected language (null when not detected or not needed).
 */
public record ScreenedRequest(Route route, ChatCompletionRequest request, Map<DeploymentId, CandidatePlan> plans,
                              Map<DeploymentId, DeploymentProfile> profiles, int trimmedMessages, String language) {

    public ScreenedRequest {
        plans = Map.copyOf(plans);
        profiles = Map.copyOf(profiles);
    }

    /** The request as deployment {@code id} is sent it: with its output limit adjusted to its window when needed. */
    public ChatCompletionRequest requestFor(DeploymentId id) {
        CandidatePlan plan = plans.get(id);
        if (plan == null || plan.adjustedOutputLimit() == null) {
            return request;
        }
        return request.withOutputTokenLimit(plan.adjustedOutputLimit(), profiles.get(id).limitsAsCompletionTokens());
    }

    public CandidatePlan plan(DeploymentId id) {
        return plans.get(id);
    }
}
