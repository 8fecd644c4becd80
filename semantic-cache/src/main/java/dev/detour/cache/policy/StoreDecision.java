package dev.detour.cache.policy;

import java.time.Duration;

/** Whether an answer may be stored, for how long, whether it may match semantically, and why. */
public record StoreDecision(boolean store, boolean exactOnly, Duration ttl, String reason) {

    public static StoreDecision skip(String reason) {
        return new StoreDecision(false, false, Duration.ZERO, reason);
    }
}
