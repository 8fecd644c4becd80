package dev.detour.gateway.admin;

import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.cost.PriceReload;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/prices/reload}: reads the price source now. 200 with {@code reloaded: true} when the new list
 * is in force; 502 with {@code reloaded: false}, the error, and where the prices still in force came from when the
 * source is broken (the last good prices stay).
 */
public final class PricesAdminEndpoint {

    private final PriceList prices;
    private final JsonCodec json;

    public PricesAdminEndpoint(PriceList prices, JsonCodec json) {
        this.prices = prices;
        this.json = json;
    }

    public void reload(Context ctx) {
        PriceReload result = prices.reload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reloaded", result.reloaded());
        body.put("source", result.source());
        body.put("prices", result.prices());
        body.put("prices_loaded_at", result.pricesLoadedAt() == null ? null : result.pricesLoadedAt().toString());
        if (!result.reloaded()) {
            body.put("error", result.error());
            body.put("kept", result.pricesLoadedAt() == null ? "the configured prices"
                    : "the list loaded at " + result.pricesLoadedAt());
        }
        ctx.status(result.reloaded() ? 200 : 502).contentType("application/json").result(json.write(body));
    }
}
