package dev.detour.gateway.health;

import java.time.Duration;

/**
 * How deployment health is judged: the sliding window of outcomes, when a circuit opens and how it is probed, how
 * rate limits cool a deployment down, and the share of traffic every candidate keeps so its recovery is noticed.
 *
 * @param window                how far back outcomes, failure rates and latency percentiles look
 * @param failureRateThreshold  percentage of failed calls in the window that opens the circuit
 * @param minimumCalls          calls the window must hold before its failure rate may open the circuit
 * @param consecutiveFailures   failures in a row that open the circuit whatever the window's rate (0: off); a busy
 *                              minute of successes would otherwise hide a hard outage for a long time
 * @param openDuration          how long an open circuit sends no traffic before it lets probes through
 * @param halfOpenProbes        calls let through a half-open circuit to decide whether it closes
 * @param rateLimitCooldown     cool-down after a 429 without Retry-After (doubled, with jitter, for each repeat)
 * @param maxCooldown           the longest cool-down a run of 429s without Retry-After can reach
 * @param probeShare            share of a route's traffic sent to a candidate its strategy would not pick first
 * @param activeCheckInterval   how often idle deployments get a cheap check request; null: active checks off
 */
public record HealthPolicy(Duration window, float failureRateThreshold, int minimumCalls, int consecutiveFailures,
                           Duration openDuration,
                           int halfOpenProbes, Duration rateLimitCooldown, Duration maxCooldown, double probeShare,
                           Duration activeCheckInterval) {

    public static final HealthPolicy DEFAULTS = new HealthPolicy(Duration.ofSeconds(60), 15f, 10, 5,
            Duration.ofSeconds(10), 3, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.02, null);

    public HealthPolicy {
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("the health window must be at least 1 s");
        }
    }

    public boolean activeChecks() {
        return activeCheckInterval != null;
    }

    public HealthPolicy withOpenDuration(Duration newOpenDuration) {
        return new HealthPolicy(window, failureRateThreshold, minimumCalls, consecutiveFailures, newOpenDuration,
                halfOpenProbes,
                rateLimitCooldown, maxCooldown, probeShare, activeCheckInterval);
    }

    public HealthPolicy withActiveChecks(Duration interval) {
        return new HealthPolicy(window, failureRateThreshold, minimumCalls, consecutiveFailures, openDuration,
                halfOpenProbes,
                rateLimitCooldown, maxCooldown, probeShare, interval);
    }
}
