package dev.detour.gateway.events;

/**
 * Filters of {@code GET /admin/events}: a route, a provider ({@code name} or {@code name/model}), a time range in
 * epoch milliseconds (inclusive), and how many rows at most.
 */
public record EventQuery(String route, String provider, long fromMillis, long toMillis, int limit) {

    public static final int MAX_LIMIT = 10_000;
}
