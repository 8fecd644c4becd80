package dev.detour.gateway.config;

import java.time.Duration;

/**
 * How long an answer to a request with an {@code Idempotency-Key} is kept for replay, and how many are kept at most
 * (the oldest go first beyond that).
 */
public record IdempotencyConfig(Duration window, int maxEntries) {

    public static final IdempotencyConfig DEFAULTS = new IdempotencyConfig(Duration.ofHours(24), 10_000);
}
