package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderException;

import java.time.Duration;

/** One try of one deployment for one request: how long it took and, if it failed, why. */
public record Attempt(DeploymentId deployment, Duration elapsed, ProviderException failure) {

    public boolean succeeded() {
        return failure == null;
    }

    /** {@code provider/model=ok} or {@code provider/model=rate_limited}: the form used in the attempts header. */
    public String summary() {
        return deployment + "=" + (failure == null ? "ok" : failure.failureClass().name().toLowerCase());
    }
}
