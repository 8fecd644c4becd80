package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.util.List;

/** Tells a last-resort answer: a local model answering after at least one other candidate failed. */
final class Degraded {

    private Degraded() {
    }

    static boolean answer(DeploymentId servedBy, List<Attempt> attempts) {
        return servedBy.isLocal() && attempts.stream().anyMatch(a -> !a.deployment().isLocal());
    }
}
