package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.util.List;

/**
 * A stream that has produced its first event, so the gateway is committed to it: nothing has gone to the client
 * yet, but from here on a failure ends the client's stream instead of trying another provider.
 */
public record StreamStart(DeploymentId servedBy, List<Attempt> attempts, StreamEvent first, StreamRelay relay) {

    public StreamStart {
        attempts = List.copyOf(attempts);
    }

    /** Whether a local model streams this answer because the route's earlier candidates failed (see {@link Answer#degraded()}). */
    public boolean degraded() {
        return Degraded.answer(servedBy, attempts);
    }
}
