package dev.detour.gateway.api;

import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.wire.ModelList;
import io.javalin.http.Context;

/** {@code GET /v1/models}: the route names clients may send as {@code model}. */
public final class ModelsEndpoint {

    private final RouteTable routes;
    private final JsonCodec json;
    private final long startedAtSeconds = System.currentTimeMillis() / 1000;

    public ModelsEndpoint(RouteTable routes, JsonCodec json) {
        this.routes = routes;
        this.json = json;
    }

    public void handle(Context ctx) {
        ModelList list = ModelList.of(routes.all().stream()
                .map(route -> ModelList.Model.of(route.name(), startedAtSeconds, "detour"))
                .toList());
        ctx.contentType("application/json").result(json.write(list));
    }

    static ApiException notFound(String model) {
        return new ApiException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist on this gateway; GET /v1/models lists the routes it serves");
    }
}
