package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/** Ollama native endpoints under /api. */
final class OllamaRoutes {

    private final OllamaProtocol protocol = new OllamaProtocol();
    private final Exchange exchange;
    private final ModelNames models;

    OllamaRoutes(Exchange exchange, ModelNames models) {
        this.exchange = exchange;
        this.models = models;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/chat", this::chat);
        routes.post("/api/embed", this::embed);
        routes.post("/api/embeddings", this::legacyEmbeddings);
        routes.get("/api/tags", ctx -> Exchange.send(ctx, Reply.json(200, protocol.tags(models.all()))));
        routes.get("/api/version", ctx -> Exchange.send(ctx, Reply.json(200, Json.object().put("version", "0.12.0"))));
    }

    private void chat(Context ctx) {
        ChatCall call;
        try {
            call = protocol.parseChat(Json.parse(ctx.bodyAsBytes()));
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.error(400, e.getMessage(), null, null));
            return;
        }
        exchange.chat(ctx, protocol, call);
    }

    private void embed(Context ctx) {
        JsonNode body;
        try {
            body = Json.parse(ctx.bodyAsBytes());
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.error(400, e.getMessage(), null, null));
            return;
        }
        String model = Json.text(body, "model");
        if (model == null) {
            Exchange.send(ctx, protocol.error(400, "model is required", null, null));
            return;
        }
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.get("input");
        if (input != null && input.isArray()) {
            input.forEach(i -> inputs.add(i.asText()));
        } else if (input != null && !input.isNull()) {
            inputs.add(input.asText());
        }
        int tokens = inputs.stream().mapToInt(Words::count).sum();
        int dims = body.path("dimensions").asInt(Embeddings.DEFAULT_DIMENSIONS);
        exchange.simple(ctx, protocol, model, tokens, () -> {
            ArrayNode vectors = Json.array();
            inputs.forEach(t -> vectors.add(Embeddings.json(Embeddings.vector(t, dims))));
            ObjectNode root = Json.object().put("model", model);
            root.set("embeddings", vectors);
            root.put("total_duration", 1_000_000L).put("load_duration", 100_000L).put("prompt_eval_count", tokens);
            return Reply.json(200, root);
        });
    }

    private void legacyEmbeddings(Context ctx) {
        JsonNode body;
        try {
            body = Json.parse(ctx.bodyAsBytes());
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.error(400, e.getMessage(), null, null));
            return;
        }
        String model = Json.text(body, "model");
        String prompt = body.path("prompt").asText("");
        exchange.simple(ctx, protocol, model == null ? "" : model, Words.count(prompt), () -> Reply.json(200,
                Json.object().set("embedding", Embeddings.json(Embeddings.vector(prompt, Embeddings.DEFAULT_DIMENSIONS)))));
    }
}
