package dev.detour.gateway.usage;

import java.time.Instant;

/**
 * One answered request in the usage ledger. {@code key} is the gateway key (null until keys exist);
 * {@code cacheResult} is {@code miss} until the semantic cache says otherwise; {@code estimated} marks token counts
 * Detour counted itself because the provider reported none.
 */
public record UsageRecord(Instant at, String requestId, String key, String route, String provider, String model,
                          int promptTokens, int completionTokens, int cachedTokens, double costUsd, String cacheResult,
                          boolean stream, boolean estimated) {
}
