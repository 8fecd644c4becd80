package dev.detour.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.cache.CacheStats;
import dev.detour.cache.admin.Invalidation;
import dev.detour.cache.admin.PurgeFilter;
import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.config.Durations;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cache's admin API: {@code GET /admin/cache} (counters), {@code DELETE /admin/cache?tenant=&route=&older_than=&id=}
 * (purge; {@code all=true} to purge everything), {@code POST /admin/cache/invalidate {"route","provider","model"}}.
 * Answers JSON; a 409 when the cache is off.
 */
public final class CacheAdminEndpoints {

    private final GatewayCache cache;
    private final JsonCodec json;

    public CacheAdminEndpoints(GatewayCache cache, JsonCodec json) {
        this.cache = cache;
        this.json = json;
    }

    public void stats(Context ctx) {
        CacheStats s = requireOn().semantic().stats();
        ctx.contentType("application/json").result(json.write(s));
    }

    public void purge(Context ctx) {
        requireOn();
        String tenant = blankToNull(ctx.queryParam("tenant"));
        String route = blankToNull(ctx.queryParam("route"));
        String id = blankToNull(ctx.queryParam("id"));
        String olderThan = blankToNull(ctx.queryParam("older_than"));
        Instant createdBefore = null;
        if (olderThan != null) {
            try {
                Duration age = Durations.parse(olderThan);
                createdBefore = Instant.now().minus(age);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_value", "older_than",
                        "older_than must be a duration such as 90s, 10m or 2h, got '" + olderThan + "'");
            }
        }
        boolean all = "true".equalsIgnoreCase(ctx.queryParam("all"));
        if (tenant == null && route == null && id == null && createdBefore == null && !all) {
            throw ApiException.badRequest("missing_filter", null,
                    "name what to purge (tenant, route, older_than, id), or all=true to purge everything");
        }
        int purged = cache.semantic().purge(new PurgeFilter(tenant, route, createdBefore, id));
        ctx.contentType("application/json").result(json.write(Map.of("purged", purged)));
    }

    public void invalidate(Context ctx) {
        requireOn();
        JsonNode body = json.read(ctx.bodyAsBytes(), JsonNode.class);
        Map<String, String> named = new LinkedHashMap<>();
        for (String key : new String[]{"route", "provider", "model"}) {
            JsonNode value = body.get(key);
            if (value != null && !value.isNull()) {
                if (!value.isTextual() || value.textValue().isBlank()) {
                    throw ApiException.badRequest("invalid_type", key, key + " must be a non-empty string");
                }
                named.put(key, value.textValue());
            }
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!named.containsKey(key) && !body.get(key).isNull()) {
                throw ApiException.badRequest("unsupported_parameter", key, "unsupported parameter '" + key + "'");
            }
        });
        if (named.isEmpty()) {
            throw ApiException.badRequest("missing_filter", null, "name a route, a provider or a model to invalidate");
        }
        int invalidated = cache.semantic().invalidate(new Invalidation(named.get("route"), named.get("provider"),
                named.get("model")));
        ctx.contentType("application/json").result(json.write(Map.of("invalidated", invalidated)));
    }

    private GatewayCache requireOn() {
        if (!cache.enabled()) {
            throw new ApiException(409, "invalid_request_error", "cache_disabled", null,
                    "the semantic cache is off (no cache: section in the configuration)");
        }
        return cache;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
