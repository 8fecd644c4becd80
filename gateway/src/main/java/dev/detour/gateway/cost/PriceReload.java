package dev.detour.gateway.cost;

import java.time.Instant;

/**
 * The outcome of one reading of the price source: whether it replaced the prices, how many it lists, and on
 * failure why, together with where the prices still in use came from.
 */
public record PriceReload(boolean reloaded, String source, int prices, Instant pricesLoadedAt, String error) {
}
