package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/** Runtime control over HTTP under /_sim, so a separate process (a demo, a benchmark) can script the sim. */
final class AdminRoutes {

    private final SimState state;

    AdminRoutes(SimState state) {
        this.state = state;
    }

    void register(RoutesConfig routes) {
        routes.post("/_sim/faults", this::setFaults);
        routes.get("/_sim/faults", ctx -> ok(ctx, faultsJson()));
        routes.delete("/_sim/faults", this::clearFaults);
        routes.get("/_sim/attempts", this::attempts);
        routes.post("/_sim/models", this::setModel);
        routes.post("/_sim/reset", ctx -> {
            state.faults.clearAll();
            state.attempts.clear();
            ok(ctx, Json.object().put("reset", true));
        });
        routes.get("/_sim/health", ctx -> ok(ctx, Json.object().put("status", "ok")));
    }

    /** Body: {"model":"m","fault":{...}} or {"faults":[{"model":"m","fault":{...}}, ...]}. */
    private void setFaults(Context ctx) {
        try {
            JsonNode body = Json.parse(ctx.bodyAsBytes());
            List<JsonNode> entries = body.has("faults") ? list(body.get("faults")) : List.of(body);
            Map<String, Fault> parsed = new java.util.LinkedHashMap<>();
            for (JsonNode e : entries) {
                String model = Json.text(e, "model");
                if (model == null || model.isBlank()) {
                    throw new IllegalArgumentException("each fault needs a \"model\"");
                }
                parsed.put(model, FaultJson.read(e.get("fault")));
            }
            parsed.forEach(state.faults::set); // all or nothing: nothing is installed if any entry is bad
            ok(ctx, faultsJson());
        } catch (IllegalArgumentException | BadRequest e) {
            bad(ctx, e.getMessage());
        }
    }

    private void clearFaults(Context ctx) {
        String model = ctx.queryParam("model");
        if (model == null) {
            state.faults.clearAll();
        } else {
            state.faults.clear(model);
        }
        ok(ctx, faultsJson());
    }

    /** With ?model=m: that model's count and attempts; without: counts for every model. */
    private void attempts(Context ctx) {
        String model = ctx.queryParam("model");
        if (model == null) {
            ObjectNode counts = Json.object();
            state.attempts.counts().forEach(counts::put);
            ok(ctx, Json.object().set("counts", counts));
            return;
        }
        List<Attempt> attempts = state.attempts.attempts(model);
        ObjectNode root = Json.object().put("model", model).put("count", state.attempts.count(model));
        ArrayNode list = root.putArray("attempts");
        for (Attempt a : attempts) {
            list.addObject().put("at", a.at().toString()).put("protocol", a.protocol()).put("stream", a.stream())
                    .put("fault", a.fault());
        }
        ok(ctx, root);
    }

    /** Body: {"model":"m","contextWindow":100}. */
    private void setModel(Context ctx) {
        try {
            JsonNode body = Json.parse(ctx.bodyAsBytes());
            String model = Json.text(body, "model");
            if (model == null) {
                throw new IllegalArgumentException("needs a \"model\"");
            }
            if (body.has("contextWindow")) {
                new SimModel(state, model).contextWindow(body.get("contextWindow").asInt());
            }
            ObjectNode windows = Json.object();
            state.contextWindows().forEach(windows::put);
            ok(ctx, Json.object().set("contextWindows", windows));
        } catch (IllegalArgumentException | BadRequest e) {
            bad(ctx, e.getMessage());
        }
    }

    private ObjectNode faultsJson() {
        ObjectNode faults = Json.object();
        state.faults.snapshot().forEach((m, f) -> faults.set(m, FaultJson.write(f)));
        return Json.object().set("faults", faults);
    }

    private static List<JsonNode> list(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("\"faults\" must be an array");
        }
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static void ok(Context ctx, JsonNode body) {
        Exchange.send(ctx, Reply.json(200, body));
    }

    private static void bad(Context ctx, String message) {
        Exchange.send(ctx, Reply.json(400, Json.object().put("error", message)));
    }
}
