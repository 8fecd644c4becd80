package dev.detour.gateway.events;

/** A failover event as stored and served by {@code GET /admin/events} ({@code to} null: the request gave up). */
public record StoredFailoverEvent(long id, long atMillis, String route, String from, String to, String failureClass,
                                  double latencyAddedMillis) {
}
