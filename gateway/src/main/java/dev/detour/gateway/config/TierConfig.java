package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * One tier of a route: the deployments tried before the next tier, and each attempt's limits in this tier.
 *
 * @param timeout      time to the first token (non-streaming: to the whole answer); {@code timeout} or
 *                     {@code first_token_timeout} in the file
 * @param idleTimeout  longest silence between chunks of a started stream; null: {@code routing.idle_timeout}
 * @param totalTimeout longest one attempt may take, start to end; null: only {@code routing.request_timeout}
 * @param weights      one per target, same order: the target's share of the tier's first choices
 */
public record TierConfig(List<DeploymentId> targets, Duration timeout, Duration idleTimeout, Duration totalTimeout,
                         List<Integer> weights) {

    public TierConfig {
        targets = List.copyOf(targets);
        weights = weights == null ? Collections.nCopies(targets.size(), 1) : List.copyOf(weights);
    }

    public TierConfig(List<DeploymentId> targets, Duration timeout) {
        this(targets, timeout, null, null, null);
    }
}
