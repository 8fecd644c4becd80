package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.util.List;

/** A successful routed call: the value, who produced it, and every attempt it took (the last one succeeded). */
public record Answer<T>(T value, DeploymentId servedBy, List<Attempt> attempts) {

    public Answer {
        attempts = List.copyOf(attempts);
    }
}
