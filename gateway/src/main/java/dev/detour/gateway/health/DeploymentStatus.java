package dev.detour.gateway.health;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;

import java.util.Map;

/**
 * One deployment's health at a publish instant: what routing reads and what the admin API shows.
 *
 * @param failureRate        percentage of failed calls in the breaker's window, or -1 below its minimum of calls
 * @param probeAtNanos       for an open circuit, the {@link System#nanoTime()} from which probes are let through
 * @param coolingUntilNanos  the {@link System#nanoTime()} a 429 cool-down ends (meaningful when COOLING)
 * @param coolingMillis      the cool-down left at publish time, in milliseconds
 * @param outcomes           the window's outcomes of real calls: "ok" and failure classes, lower case
 * @param checks             outcomes of active checks in the window, counted apart from real traffic
 */
public record DeploymentStatus(DeploymentId deployment, CircuitState state, float failureRate, long calls,
                               Map<String, Long> outcomes, Map<String, Long> checks,
                               double p50Millis, double p99Millis, double ttftP50Millis, double ttftP99Millis,
                               long probeAtNanos, long coolingUntilNanos, long coolingMillis) {

    public DeploymentStatus {
        outcomes = Map.copyOf(outcomes);
        checks = Map.copyOf(checks);
    }

    /** A deployment nobody has called yet: healthy until shown otherwise. */
    public static DeploymentStatus unknown(DeploymentId deployment) {
        return new DeploymentStatus(deployment, CircuitState.CLOSED, -1, 0, Map.of(), Map.of(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
    }

    /** Whether routing sends it ordinary traffic (a closed circuit, no cool-down). */
    public boolean available() {
        return state == CircuitState.CLOSED;
    }

    /** Whether an open circuit's quiet time is over at {@code nowNanos}, so a request may probe it. */
    public boolean probeDue(long nowNanos) {
        return state == CircuitState.HALF_OPEN || (state == CircuitState.OPEN && nowNanos - probeAtNanos >= 0);
    }

    /** The latency routing compares: time to first token when measured, else total time; NaN when unknown. */
    public double typicalLatencyMillis() {
        return Double.isNaN(ttftP50Millis) ? p50Millis : ttftP50Millis;
    }

    static Map<String, Long> named(long successes, Map<FailureClass, Long> failures) {
        java.util.Map<String, Long> named = new java.util.TreeMap<>();
        if (successes > 0) {
            named.put("ok", successes);
        }
        failures.forEach((failureClass, count) -> named.put(failureClass.name().toLowerCase(), count));
        return named;
    }
}
