package dev.detour.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.api.SseWriter;
import dev.detour.gateway.events.EventQuery;
import dev.detour.gateway.events.FailoverEventLog;
import dev.detour.gateway.health.HealthMonitor;
import dev.detour.gateway.health.HealthSnapshot;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The operator's view of routing: {@code GET /admin/health} (the current health snapshot), {@code GET
 * /admin/health/stream} (every published snapshot as server-sent events) and {@code GET /admin/events} (stored
 * failover events, filtered by route, provider and time range).
 */
public final class AdminEndpoints implements AutoCloseable {

    /** A comment line keeps idle connections (and proxies) from timing out between snapshots. */
    private static final long KEEPALIVE_SECONDS = 15;
    private static final int DEFAULT_EVENT_LIMIT = 1000;

    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private final HealthMonitor health;
    private final FailoverEventLog events;
    private volatile boolean closed;

    public AdminEndpoints(HealthMonitor health, FailoverEventLog events) {
        this.health = health;
        this.events = events;
    }

    public void health(Context ctx) {
        ctx.contentType("application/json").result(write(HealthView.of(health.snapshot())));
    }

    /**
     * Sends the current snapshot, then each newly published one (only the latest when a slow reader falls behind).
     * {@code ?max_events=N} ends the stream after N snapshots, for scripts and tests.
     */
    public void healthStream(Context ctx) throws IOException {
        int maxEvents = intParam(ctx, "max_events", Integer.MAX_VALUE);
        LinkedBlockingDeque<HealthSnapshot> pending = new LinkedBlockingDeque<>();
        Runnable unsubscribe = health.subscribe(snapshot -> {
            pending.clear();
            pending.offer(snapshot);
        });
        try {
            SseWriter sse = SseWriter.open(ctx);
            sse.data(write(HealthView.of(health.snapshot())));
            int sent = 1;
            long lastWrite = System.nanoTime();
            while (sent < maxEvents && !closed) {
                HealthSnapshot next = pending.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    sse.data(write(HealthView.of(next)));
                    sent++;
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > TimeUnit.SECONDS.toNanos(KEEPALIVE_SECONDS)) {
                    sse.comment("keep-alive");
                    lastWrite = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The dashboard went away; nothing to do.
        } finally {
            unsubscribe.run();
        }
    }

    public void events(Context ctx) {
        long now = System.currentTimeMillis();
        EventQuery query = new EventQuery(blankToNull(ctx.queryParam("route")), blankToNull(ctx.queryParam("provider")),
                timeParam(ctx, "from", 0), timeParam(ctx, "to", now),
                Math.min(intParam(ctx, "limit", DEFAULT_EVENT_LIMIT), EventQuery.MAX_LIMIT));
        var found = events.find(query);
        ctx.contentType("application/json").result(write(Map.of("object", "list", "data", found)));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A time as epoch milliseconds or ISO-8601 ({@code 2026-12-06T01:00:00Z}). */
    private static long timeParam(Context ctx, String name, long fallback) {
        String text = blankToNull(ctx.queryParam(name));
        if (text == null) {
            return fallback;
        }
        try {
            return text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.badRequest("invalid_value", name, "'" + name
                    + "' is a time: epoch milliseconds or ISO-8601 such as 2026-12-06T01:00:00Z, got '" + text + "'");
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String text = blankToNull(ctx.queryParam(name));
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_value", name, "'" + name + "' is a whole number of at least 1, got '"
                    + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public void close() {
        closed = true;
    }
}
