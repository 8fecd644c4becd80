package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.util.List;

/** A successful routed call: the value, who produced it, and every attempt it took (the last one succeeded). */
public record Answer<T>(T value, DeploymentId servedBy, List<Attempt> attempts) {

    public Answer {
        attempts = List.copyOf(attempts);
    }

    /**
     * Whether a local model answered because the route's earlier candidates failed: a last-resort answer, said to
     * the client ({@code x-detour-degraded}) and never to be cached as the route's answer.
     */
    public boolean degraded() {
        return Degraded.answer(servedBy, attempts);
    }
}
