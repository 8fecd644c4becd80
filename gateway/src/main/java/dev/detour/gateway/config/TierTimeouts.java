package dev.detour.gateway.config;

import java.time.Duration;

/**
 * The time each attempt in a tier may take when the config does not say: the first tier fails over quickly, later
 * tiers, reached when something is already wrong, wait a little longer rather than fail the request.
 */
public final class TierTimeouts {

    public static final Duration FIRST_TIER = Duration.ofSeconds(2);
    public static final Duration LATER_TIERS = Duration.ofSeconds(3);

    private TierTimeouts() {
    }

    /** The default timeout of the tier at {@code index} (0 for the first tier). */
    public static Duration defaultFor(int index) {
        return index == 0 ? FIRST_TIER : LATER_TIERS;
    }
}
