package dev.detour.bench;

import dev.detour.gateway.health.HealthMonitor;
import dev.detour.gateway.health.HealthPolicy;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.routing.CandidatePlan;
import dev.detour.gateway.routing.CandidatePlanner;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.Strategy;
import dev.detour.gateway.routing.Tier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The routing decision a request makes before its first upstream call: plan the candidates of a three-tier,
 * nine-deployment route from the published health snapshot (one circuit open, one deployment cooling down after a
 * 429, latencies measured), then ask the first candidate's circuit for permission. Exactly what
 * {@code FailoverExecutor} does on the hot path, minus the call itself.
 */
@State(Scope.Benchmark)
public class RoutingDecisionBenchmark {

    @Param({"priority", "cheapest-first", "latency"})
    public String strategy;

    private HealthMonitor health;
    private CandidatePlanner planner;
    private Route route;

    @Setup(Level.Trial)
    public void setUp() {
        List<DeploymentId> all = new ArrayList<>();
        List<Tier> tiers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            List<DeploymentId> tier = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                DeploymentId id = new DeploymentId("provider" + t + d, "model-" + d);
                tier.add(id);
                all.add(id);
            }
            tiers.add(new Tier(tier, Duration.ofSeconds(2)));
        }
        route = new Route("chat", tiers, Strategy.byConfigName(strategy).orElseThrow());
        health = new HealthMonitor(HealthPolicy.DEFAULTS, all);
        Map<DeploymentId, Double> prices = new java.util.HashMap<>();
        for (DeploymentId id : all) {
            prices.put(id, ThreadLocalRandom.current().nextDouble(0.1, 20));
            for (int i = 0; i < 50; i++) {
                health.succeeded(id, Duration.ofMillis(200 + i), Duration.ofMillis(50 + i));
            }
        }
        planner = new CandidatePlanner(prices::get, HealthPolicy.DEFAULTS.probeShare());
        // One deployment hard down (its circuit opens), one rate limited for a minute.
        DeploymentId down = all.get(0);
        for (int i = 0; i < 100; i++) {
            if (health.tryAcquire(down)) {
                health.failed(down, new ProviderException(FailureClass.OVERLOADED, 503, "down", null, null, null, null),
                        Duration.ofMillis(5));
            }
        }
        health.failed(all.get(1), new ProviderException(FailureClass.RATE_LIMITED, 429, "slow down",
                Duration.ofMinutes(1), null, null, null), Duration.ofMillis(5));
        health.refresh();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        health.close();
    }

    @Benchmark
    public CandidatePlan decide() {
        CandidatePlan plan = planner.plan(route, health.snapshot(), System.nanoTime());
        DeploymentId first = plan.candidates().getFirst().deployment();
        if (health.tryAcquire(first)) {
            health.release(first);
        }
        return plan;
    }
}
