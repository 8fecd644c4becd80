package dev.detour.gateway.health;

import dev.detour.gateway.providers.FailureClass;

/** Which failures say something about a deployment's health, and which say something about the request. */
public final class FailureWeight {

    private FailureWeight() {
    }

    /**
     * Whether a failure counts against the deployment in its circuit breaker. The client's own bad request and a
     * content-policy refusal are answers, not outages; a prompt too long for the window is the request's fault;
     * a 429 has its own channel (the cool-down), since the provider is up and asked us to wait.
     */
    public static boolean countsAgainstDeployment(FailureClass failureClass) {
        return switch (failureClass) {
            case OVERLOADED, TRANSPORT, TIMEOUT, BAD_RESPONSE, AUTH_OR_CONFIG -> true;
            case RATE_LIMITED, CONTEXT_TOO_LONG, CONTENT_POLICY, BAD_REQUEST -> false;
        };
    }
}
