package dev.detour.gateway.routing;

import dev.detour.gateway.health.HealthMonitor;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tells the health monitor how a started stream ended, once: its total time, and its time to first token. */
final class StreamHealthReport implements StreamOutcome {

    private final HealthMonitor health;
    private final DeploymentId deployment;
    private final long startedNanos;
    private final Duration firstToken;
    private final AtomicBoolean reported = new AtomicBoolean();

    StreamHealthReport(HealthMonitor health, DeploymentId deployment, long startedNanos, Duration firstToken) {
        this.health = health;
        this.deployment = deployment;
        this.startedNanos = startedNanos;
        this.firstToken = firstToken;
    }

    @Override
    public void completed() {
        if (reported.compareAndSet(false, true)) {
            health.succeeded(deployment, Duration.ofNanos(System.nanoTime() - startedNanos), firstToken);
        }
    }

    @Override
    public void failed(ProviderException failure) {
        if (reported.compareAndSet(false, true)) {
            health.failed(deployment, failure, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    @Override
    public void abandoned() {
        if (reported.compareAndSet(false, true)) {
            health.release(deployment);
        }
    }
}
