package dev.detour.gateway.api;

import dev.detour.gateway.routing.RouteTable;
import io.javalin.http.Context;

import java.util.Map;

/** {@code /healthz}: the process is up. {@code /readyz}: it has something to route to. */
public final class HealthEndpoints {

    private final RouteTable routes;
    private final JsonCodec json;

    public HealthEndpoints(RouteTable routes, JsonCodec json) {
        this.routes = routes;
        this.json = json;
    }

    public void live(Context ctx) {
        ctx.contentType("application/json").result(json.write(Map.of("status", "ok")));
    }

    public void ready(Context ctx) {
        int count = routes.all().size();
        if (count == 0) {
            ctx.status(503).contentType("application/json").result(json.write(Map.of("status", "not_ready",
                    "reason", "no provider is configured: set a provider key (e.g. OPENAI_API_KEY) or write detour.yaml")));
            return;
        }
        ctx.contentType("application/json").result(json.write(Map.of("status", "ready", "routes", count)));
    }
}
