package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * One tier of a route: deployments tried (in the route strategy's order) before the next tier, and the limits each
 * attempt in it gets.
 *
 * @param timeout      time to the first token (non-streaming: to the whole answer)
 * @param idleTimeout  longest silence between chunks once a stream started; null: the gateway's default
 * @param totalTimeout longest an attempt may take from start to end; null: only the request's own cap
 * @param weights      per deployment, same order: its share of the tier's first choices (all 1: listed order)
 */
public record Tier(List<DeploymentId> deployments, Duration timeout, Duration idleTimeout, Duration totalTimeout,
                   List<Integer> weights) {

    public Tier {
        deployments = List.copyOf(deployments);
        weights = weights == null ? Collections.nCopies(deployments.size(), 1) : List.copyOf(weights);
        if (weights.size() != deployments.size()) {
            throw new IllegalArgumentException("one weight per deployment: " + weights + " for " + deployments);
        }
    }

    public Tier(List<DeploymentId> deployments, Duration timeout) {
        this(deployments, timeout, null, null, null);
    }

    /** The time to first token (the same as {@link #timeout()}). */
    public Duration firstTokenTimeout() {
        return timeout;
    }

    public int weight(int index) {
        return weights.get(index);
    }

    /** Whether any deployment has a weight other than 1 (only then do weights change the order). */
    public boolean weighted() {
        return weights.stream().anyMatch(w -> w != 1);
    }

    /** The same tier with only the deployments {@code eligible} keeps (their weights with them). */
    public Tier keeping(Predicate<DeploymentId> eligible) {
        List<DeploymentId> kept = new ArrayList<>();
        List<Integer> keptWeights = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            if (eligible.test(deployments.get(i))) {
                kept.add(deployments.get(i));
                keptWeights.add(weights.get(i));
            }
        }
        return new Tier(kept, timeout, idleTimeout, totalTimeout, keptWeights);
    }
}
