package dev.detour.gateway.routing;

import dev.detour.gateway.health.CircuitState;
import dev.detour.gateway.health.DeploymentStatus;
import dev.detour.gateway.health.HealthSnapshot;
import dev.detour.gateway.providers.DeploymentId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Orders a route's deployments for one request from a health snapshot, by the route's strategy. Pure computation
 * on immutable inputs plus one atomic counter per route (round-robin and probe turns): no I/O, no lock.
 */
public final class CandidatePlanner {

    private final ToDoubleFunction<DeploymentId> pricePerMillion;
    /** Every probePeriod-th request of a route puts a candidate its strategy would not pick first at the front. */
    private final long probePeriod;
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    /**
     * @param pricePerMillion a deployment's price (input plus output, USD per million tokens), for cheapest-first
     * @param probeShare      share of a route's requests that try a non-preferred healthy candidate first
     */
    public CandidatePlanner(ToDoubleFunction<DeploymentId> pricePerMillion, double probeShare) {
        this.pricePerMillion = pricePerMillion;
        this.probePeriod = probeShare <= 0 ? 0 : Math.max(2, Math.round(1 / probeShare));
    }

    public CandidatePlan plan(Route route, HealthSnapshot health, long nowNanos) {
        long turn = turnOf(route.name());
        List<Candidate> ready = new ArrayList<>();
        Candidate leastBad = null;
        DeploymentStatus leastBadStatus = null;
        long shortestCooling = 0;
        for (Tier tier : route.tiers()) {
            for (DeploymentId id : probesFirst(route.strategy(), order(route.strategy(), tier, health, turn), health,
                    nowNanos)) {
                DeploymentStatus status = health.status(id);
                if (status.state() == CircuitState.COOLING && status.coolingUntilNanos() - nowNanos > 0) {
                    long left = status.coolingUntilNanos() - nowNanos;
                    shortestCooling = shortestCooling == 0 ? left : Math.min(shortestCooling, left);
                } else if (status.state() == CircuitState.OPEN && !status.probeDue(nowNanos)) {
                    if (leastBadStatus == null || lessBad(status, leastBadStatus)) {
                        leastBad = new Candidate(id, tier);
                        leastBadStatus = status;
                    }
                } else {
                    ready.add(new Candidate(id, tier));
                }
            }
        }
        return new CandidatePlan(ready, leastBad, shortestCooling);
    }

    /**
     * An open circuit whose quiet time is over is only closed again by a probe, and a probe is only sent when a
     * request tries it: strategies that would rank it late (by price, by latency) put it first, its circuit lets
     * just a few probes through. Priority keeps it in its listed place, which already comes first when it is due.
     */
    private static List<DeploymentId> probesFirst(Strategy strategy, List<DeploymentId> ordered, HealthSnapshot health,
                                                  long nowNanos) {
        if (strategy == Strategy.PRIORITY || ordered.size() == 1) {
            return ordered;
        }
        List<DeploymentId> due = null;
        for (DeploymentId id : ordered) {
            DeploymentStatus status = health.status(id);
            if (status.state() != CircuitState.CLOSED && status.state() != CircuitState.COOLING && status.probeDue(nowNanos)) {
                if (due == null) {
                    due = new ArrayList<>(ordered.size());
                }
                due.add(id);
            }
        }
        if (due == null) {
            return ordered;
        }
        for (DeploymentId id : ordered) {
            if (!due.contains(id)) {
                due.add(id);
            }
        }
        return due;
    }

    /** The circuit closest to probing, then the lower failure rate. */
    private static boolean lessBad(DeploymentStatus a, DeploymentStatus b) {
        if (a.probeAtNanos() != b.probeAtNanos()) {
            return a.probeAtNanos() - b.probeAtNanos() < 0;
        }
        return a.failureRate() < b.failureRate();
    }

    private List<DeploymentId> order(Strategy strategy, Tier tier, HealthSnapshot health, long turn) {
        List<DeploymentId> listed = tier.deployments();
        if (listed.size() == 1) {
            return listed;
        }
        List<DeploymentId> ordered = switch (strategy) {
            case PRIORITY -> tier.weighted() ? weightedFirst(tier, listed, turn) : listed;
            case LATENCY -> byLatency(new ArrayList<>(listed), health);
            case CHEAPEST_FIRST -> cheapestFirst(tier, health, turn);
        };
        return strategy == Strategy.PRIORITY ? ordered : withProbeTurn(ordered, turn);
    }

    private List<DeploymentId> cheapestFirst(Tier tier, HealthSnapshot health, long turn) {
        // The cheapest healthy price decides who may go first; among equal prices the weights share the turns.
        double cheapest = Double.MAX_VALUE;
        for (DeploymentId id : tier.deployments()) {
            if (health.status(id).available()) {
                cheapest = Math.min(cheapest, pricePerMillion.applyAsDouble(id));
            }
        }
        List<DeploymentId> cheapestOnes = new ArrayList<>();
        List<Integer> cheapestWeights = new ArrayList<>();
        List<DeploymentId> others = new ArrayList<>();
        for (int i = 0; i < tier.deployments().size(); i++) {
            DeploymentId id = tier.deployments().get(i);
            if (health.status(id).available() && pricePerMillion.applyAsDouble(id) <= cheapest) {
                cheapestOnes.add(id);
                cheapestWeights.add(tier.weight(i));
            } else {
                others.add(id);
            }
        }
        List<DeploymentId> ordered = new ArrayList<>(cheapestOnes.size() > 1
                ? weightedFirst(new Tier(cheapestOnes, tier.timeout(), null, null, cheapestWeights), cheapestOnes, turn)
                : cheapestOnes);
        // Escalation after the cheap one passed its timeout goes to the fastest of the dearer ones.
        ordered.addAll(byLatency(others, health));
        return ordered;
    }

    /** Smooth enough weighted round-robin: turn modulo the total weight picks who goes first; the rest as listed. */
    private static List<DeploymentId> weightedFirst(Tier tier, List<DeploymentId> listed, long turn) {
        int total = tier.weights().stream().mapToInt(Integer::intValue).sum();
        if (total <= 0) {
            return listed;
        }
        long slot = Math.floorMod(turn, (long) total);
        int first = 0;
        for (int i = 0; i < listed.size(); i++) {
            slot -= tier.weight(i);
            if (slot < 0) {
                first = i;
                break;
            }
        }
        if (first == 0) {
            return listed;
        }
        List<DeploymentId> ordered = new ArrayList<>(listed.size());
        ordered.add(listed.get(first));
        for (int i = 0; i < listed.size(); i++) {
            if (i != first) {
                ordered.add(listed.get(i));
            }
        }
        return ordered;
    }

    /** Lowest typical latency first; a deployment never measured goes first, so it gets measured. */
    private static List<DeploymentId> byLatency(List<DeploymentId> ids, HealthSnapshot health) {
        ids.sort(Comparator.comparingDouble(id -> {
            double latency = health.status(id).typicalLatencyMillis();
            return Double.isNaN(latency) ? -1 : latency;
        }));
        return ids;
    }

    /** On a probe turn, the tier's k-th candidate (rotating) goes first, so no candidate is starved of traffic. */
    private List<DeploymentId> withProbeTurn(List<DeploymentId> ordered, long turn) {
        if (probePeriod == 0 || turn % probePeriod != probePeriod - 1) {
            return ordered;
        }
        int index = 1 + (int) ((turn / probePeriod) % (ordered.size() - 1));
        List<DeploymentId> rotated = new ArrayList<>(ordered);
        rotated.addFirst(rotated.remove(index));
        return rotated;
    }

    private long turnOf(String route) {
        AtomicLong counter = turns.get(route);
        if (counter == null) {
            counter = turns.computeIfAbsent(route, r -> new AtomicLong());
        }
        return counter.getAndIncrement();
    }
}
