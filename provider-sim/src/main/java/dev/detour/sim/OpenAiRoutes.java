package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI (and Mistral / OpenAI-compatible) endpoints. Each path is served both under /v1 and at the root,
 * because clients append "chat/completions" to whatever base URL they were given.
 */
final class OpenAiRoutes {

    private final OpenAiProtocol protocol;
    private final Exchange exchange;
    private final ModelNames models;

    OpenAiRoutes(SimState state, Exchange exchange, ModelNames models) {
        this.protocol = new OpenAiProtocol(state.ids);
        this.exchange = exchange;
        this.models = models;
    }

    void register(RoutesConfig routes) {
        for (String prefix : new String[] {"/v1", ""}) {
            routes.post(prefix + "/chat/completions", this::chat);
            routes.post(prefix + "/embeddings", this::embeddings);
            routes.get(prefix + "/models", ctx -> Exchange.send(ctx, Reply.json(200, protocol.models(models.all()))));
            routes.get(prefix + "/models/{id}", ctx -> Exchange.send(ctx, Reply.json(200, protocol.model(ctx.pathParam("id")))));
        }
    }

    private void chat(Context ctx) {
        ChatCall call;
        try {
            call = protocol.parseChat(Json.parse(ctx.bodyAsBytes()), ctx.header("User-Agent"));
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.badRequest(e));
            return;
        }
        exchange.chat(ctx, protocol, call);
    }

    private void embeddings(Context ctx) {
        JsonNode body;
        String model;
        List<String> inputs;
        try {
            body = Json.parse(ctx.bodyAsBytes());
            model = Json.text(body, "model");
            if (model == null) {
                throw new BadRequest("you must provide a model parameter", "model");
            }
            inputs = inputs(body.get("input"));
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.badRequest(e));
            return;
        }
        int dims = body.path("dimensions").asInt(Embeddings.DEFAULT_DIMENSIONS);
        boolean base64 = "base64".equals(Json.text(body, "encoding_format"));
        int tokens = inputs.stream().mapToInt(Words::count).sum();
        exchange.simple(ctx, protocol, model, tokens, () -> {
            ArrayNode data = Json.array();
            for (int i = 0; i < inputs.size(); i++) {
                float[] v = Embeddings.vector(inputs.get(i), dims);
                ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
                if (base64) {
                    item.put("embedding", Embeddings.base64(v));
                } else {
                    item.set("embedding", Embeddings.json(v));
                }
            }
            ObjectNode root = Json.object().put("object", "list");
            root.set("data", data);
            root.put("model", model);
            root.set("usage", Json.object().put("prompt_tokens", tokens).put("total_tokens", tokens));
            return Reply.json(200, root);
        });
    }

    /** input may be a string, a list of strings, a token list or a list of token lists. */
    private static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new BadRequest("Missing required parameter: 'input'.", "input");
        }
        List<String> out = new ArrayList<>();
        if (input.isTextual()) {
            out.add(input.asText());
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
            out.add(input.toString());
        } else if (input.isArray()) {
            input.forEach(i -> out.add(i.isTextual() ? i.asText() : i.toString()));
        }
        if (out.isEmpty()) {
            throw new BadRequest("'input' : input cannot be an empty string or array.", "input");
        }
        return out;
    }
}
