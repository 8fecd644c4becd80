package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;

import java.time.Duration;
import java.time.Instant;

/**
 * A request moved on from one deployment to another (or, {@code to} null, gave up after it): when, on which route,
 * why, and how much time the failed deployment cost the request (its attempts, a quick retry included).
 */
public record FailoverEvent(Instant at, String route, DeploymentId from, DeploymentId to, FailureClass failureClass,
                            Duration latencyAdded) {
}
