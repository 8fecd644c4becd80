package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Duration;
import java.util.List;

/**
 * A stream that has produced its first event, so the gateway is committed to it: nothing has gone to the client
 * yet, but from here on a failure ends the client's stream instead of trying another provider.
 *
 * @param idleTimeout   the longest silence allowed between events from here on
 * @param deadlineNanos the {@link System#nanoTime()} by which the stream must have ended (tier total, request cap)
 * @param outcome       to be told how the stream ended (health counts the whole stream)
 */
public record StreamStart(DeploymentId servedBy, List<Attempt> attempts, StreamEvent first, StreamRelay relay,
                          Duration idleTimeout, long deadlineNanos, StreamOutcome outcome) {

    public StreamStart {
        attempts = List.copyOf(attempts);
    }

    /** How long to wait for the next event: the idle limit, or less when the deadline is nearer. */
    public Duration nextWait() {
        long left = deadlineNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(0, Math.min(idleTimeout.toNanos(), left)));
    }

    /** Whether the stream's total time is used up. */
    public boolean pastDeadline() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** Whether a local model streams this answer because the route's earlier candidates failed (see {@link Answer#degraded()}). */
    public boolean degraded() {
        return Degraded.answer(servedBy, attempts);
    }
}
