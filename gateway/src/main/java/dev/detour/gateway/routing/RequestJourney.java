package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's way through its candidates: the attempts so far, the request's overall deadline, and the failover
 * events it produces (a move from a failed deployment to the next one, with the time the failed one cost).
 */
final class RequestJourney {

    private final Route route;
    private final FailoverEventSink events;
    private final long deadlineNanos;
    private final Duration cap;
    private final List<Attempt> attempts = new ArrayList<>();
    private DeploymentId failedFrom;
    private FailureClass failedClass;
    private long failedSinceNanos;

    RequestJourney(Route route, FailoverEventSink events, Duration cap) {
        this.route = route;
        this.events = events;
        this.cap = cap;
        this.deadlineNanos = System.nanoTime() + cap.toNanos();
    }

    Route route() {
        return route;
    }

    List<Attempt> attempts() {
        return attempts;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** The limit for an attempt: its tier's limit, or what is left of the request's time if that is shorter. */
    Duration limit(Duration tierLimit, Duration tierTotal) {
        long limit = Math.min(tierLimit.toNanos(), tierTotal == null ? Long.MAX_VALUE : tierTotal.toNanos());
        return Duration.ofNanos(Math.max(0, Math.min(limit, deadlineNanos - System.nanoTime())));
    }

    boolean outOfTime() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** An attempt on {@code deployment} is about to start: a failover event if it moves on from a failed one. */
    void starting(DeploymentId deployment) {
        if (failedFrom != null && !failedFrom.equals(deployment)) {
            long now = System.nanoTime();
            events.record(new FailoverEvent(Instant.now(), route.name(), failedFrom, deployment, failedClass,
                    Duration.ofNanos(now - failedSinceNanos)));
            failedFrom = null;
        }
    }

    void succeeded(DeploymentId deployment, Duration elapsed) {
        attempts.add(new Attempt(deployment, elapsed, null));
        failedFrom = null;
    }

    void failed(DeploymentId deployment, long startedNanos, Duration elapsed, ProviderException failure) {
        attempts.add(new Attempt(deployment, elapsed, failure));
        if (!deployment.equals(failedFrom)) {
            failedSinceNanos = startedNanos;
        }
        failedFrom = deployment;
        failedClass = failure.failureClass();
    }

    /** How many attempts went to {@code deployment} so far. */
    int attemptsOn(DeploymentId deployment) {
        int count = 0;
        for (Attempt attempt : attempts) {
            if (attempt.deployment().equals(deployment)) {
                count++;
            }
        }
        return count;
    }

    /** Ends the journey without an answer: a last event (to nobody) for the failure that ended it. */
    RoutingException giveUp(ProviderException decisive) {
        if (failedFrom != null) {
            events.record(new FailoverEvent(Instant.now(), route.name(), failedFrom, null, failedClass,
                    Duration.ofNanos(System.nanoTime() - failedSinceNanos)));
            failedFrom = null;
        }
        return new RoutingException(route.name(), attempts, decisive);
    }

    ProviderException requestTimedOut() {
        return new ProviderException(FailureClass.TIMEOUT, 0, "the request's time limit of " + cap.toMillis()
                + " ms ran out before a provider answered", null, "upstream_timeout", null, null);
    }
}
