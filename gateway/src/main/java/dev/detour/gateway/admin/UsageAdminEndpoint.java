package dev.detour.gateway.admin;

import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.usage.UsageLedger;
import dev.detour.gateway.usage.UsageQuery;
import dev.detour.gateway.usage.UsageRecord;
import dev.detour.gateway.usage.UsageReport;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /admin/usage}: the usage ledger, newest first, with totals. Filters: {@code route}, {@code provider},
 * {@code from} and {@code to} (ISO-8601 instants, {@code to} exclusive), {@code limit} (rows, default 100, at most
 * 10,000; the totals always cover every matching row).
 */
public final class UsageAdminEndpoint {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final UsageLedger ledger;
    private final UsageQuery query;
    private final JsonCodec json;

    public UsageAdminEndpoint(UsageLedger ledger, JsonCodec json) {
        this.ledger = ledger;
        this.query = new UsageQuery(ledger.database());
        this.json = json;
    }

    public void handle(Context ctx) throws InterruptedException {
        String route = ctx.queryParam("route");
        String provider = ctx.queryParam("provider");
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        int limit = limit(ctx);
        // Records are written in batches off the request path; show what was answered up to now.
        ledger.flush(Duration.ofSeconds(2));
        UsageReport report = query.find(route, provider, from, to, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", report.rows().stream().map(UsageAdminEndpoint::row).toList());
        UsageReport.Totals t = report.totals();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("requests", t.requests());
        totals.put("prompt_tokens", t.promptTokens());
        totals.put("completion_tokens", t.completionTokens());
        totals.put("cached_tokens", t.cachedTokens());
        totals.put("cost_usd", t.costUsd());
        body.put("totals", totals);
        ctx.contentType("application/json").result(json.write(body));
    }

    private static Map<String, Object> row(UsageRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", r.at().toString());
        row.put("request_id", r.requestId());
        row.put("key", r.key());
        row.put("route", r.route());
        row.put("provider", r.provider());
        row.put("model", r.model());
        row.put("prompt_tokens", r.promptTokens());
        row.put("completion_tokens", r.completionTokens());
        row.put("cached_tokens", r.cachedTokens());
        row.put("cost_usd", r.costUsd());
        row.put("cache", r.cacheResult());
        row.put("stream", r.stream());
        row.put("estimated", r.estimated());
        return row;
    }

    private static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_value", name,
                    "'" + name + "' must be an ISO-8601 instant such as 2026-12-06T01:00:00Z, got '" + value + "'");
        }
    }

    private static int limit(Context ctx) {
        String value = ctx.queryParam("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("invalid_value", "limit", "'limit' must be 1 to " + MAX_LIMIT + ", got '" + value + "'");
    }

}
