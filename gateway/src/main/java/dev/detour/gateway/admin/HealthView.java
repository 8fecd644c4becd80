package dev.detour.gateway.admin;

import dev.detour.gateway.health.DeploymentStatus;
import dev.detour.gateway.health.HealthSnapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The JSON form of a health snapshot (milliseconds, lower-case names; null where nothing was measured). */
record HealthView(long version, long publishedAt, List<Deployment> deployments) {

    static HealthView of(HealthSnapshot snapshot) {
        return new HealthView(snapshot.version(), snapshot.publishedAtMillis(), snapshot.deployments().values().stream()
                .sorted(Comparator.comparing(s -> s.deployment().toString()))
                .map(Deployment::of).toList());
    }

    record Deployment(String deployment, String provider, String model, String state, Float failureRate, long calls,
                      Map<String, Long> outcomes, Map<String, Long> activeChecks, Latency latencyMs, Latency ttftMs,
                      long coolingMs) {

        static Deployment of(DeploymentStatus s) {
            return new Deployment(s.deployment().toString(), s.deployment().provider(), s.deployment().model(),
                    s.state().wireName(), s.failureRate() < 0 ? null : s.failureRate(), s.calls(), s.outcomes(),
                    s.checks(), Latency.of(s.p50Millis(), s.p99Millis()), Latency.of(s.ttftP50Millis(), s.ttftP99Millis()),
                    s.coolingMillis());
        }
    }

    record Latency(Double p50, Double p99) {
        static Latency of(double p50, double p99) {
            return new Latency(Double.isNaN(p50) ? null : p50, Double.isNaN(p99) ? null : p99);
        }
    }
}
