package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * Gemini endpoints: POST {prefix}/models/{model}:{method} with prefix /v1beta, /v1 or none (clients append
 * "/models/..." to their base URL), and the model list under /v1beta.
 */
final class GeminiRoutes {

    private final GeminiProtocol protocol;
    private final Exchange exchange;
    private final ModelNames models;

    GeminiRoutes(SimState state, Exchange exchange, ModelNames models) {
        this.protocol = new GeminiProtocol(state.ids);
        this.exchange = exchange;
        this.models = models;
    }

    void register(RoutesConfig routes) {
        for (String prefix : new String[] {"/v1beta", "/v1", ""}) {
            routes.post(prefix + "/models/{call}", this::call);
        }
        routes.get("/v1beta/models", ctx -> {
            ArrayNode list = Json.array();
            models.all().forEach(m -> list.add(protocol.model(m)));
            Exchange.send(ctx, Reply.json(200, Json.object().set("models", list)));
        });
        routes.get("/v1beta/models/{model}", ctx -> Exchange.send(ctx, Reply.json(200, protocol.model(ctx.pathParam("model")))));
    }

    /** Dispatches on the method after the colon: "gemini-2.0-flash:streamGenerateContent". */
    private void call(Context ctx) {
        String spec = ctx.pathParam("call");
        int colon = spec.lastIndexOf(':');
        if (colon <= 0) {
            Exchange.send(ctx, protocol.error(404, "Method not found: " + spec, null, spec));
            return;
        }
        String model = spec.substring(0, colon);
        String method = spec.substring(colon + 1);
        try {
            JsonNode body = Json.parse(ctx.bodyAsBytes());
            switch (method) {
                case "generateContent" -> exchange.chat(ctx, protocol, protocol.parseChat(body, model, false));
                case "streamGenerateContent" -> exchange.chat(ctx, protocol, protocol.parseChat(body, model, true));
                case "countTokens" -> countTokens(ctx, body, model);
                case "embedContent" -> embed(ctx, model, List.of(body));
                case "batchEmbedContents" -> {
                    List<JsonNode> requests = new ArrayList<>();
                    body.path("requests").forEach(requests::add);
                    if (requests.isEmpty()) {
                        throw new BadRequest("* BatchEmbedContentsRequest.requests: requests is not specified");
                    }
                    embed(ctx, model, requests);
                }
                default -> Exchange.send(ctx, protocol.error(404, "Method not found: " + method, null, model));
            }
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.error(400, e.getMessage(), null, model));
        }
    }

    private void countTokens(Context ctx, JsonNode body, String model) {
        JsonNode request = body.has("generateContentRequest") ? body.get("generateContentRequest") : body;
        ChatCall call = protocol.parseChat(request, model, false);
        Exchange.send(ctx, Reply.json(200, Json.object().put("totalTokens", call.promptTokens())));
    }

    private void embed(Context ctx, String model, List<JsonNode> requests) {
        List<String> texts = new ArrayList<>();
        for (JsonNode r : requests) {
            StringBuilder sb = new StringBuilder();
            r.path("content").path("parts").forEach(p -> sb.append(sb.isEmpty() ? "" : " ").append(p.path("text").asText("")));
            texts.add(sb.toString());
        }
        int dims = requests.get(0).path("outputDimensionality").asInt(Embeddings.DEFAULT_DIMENSIONS);
        int tokens = texts.stream().mapToInt(Words::count).sum();
        boolean batch = requests.size() > 1 || ctx.pathParam("call").endsWith(":batchEmbedContents");
        exchange.simple(ctx, protocol, model, tokens, () -> {
            if (!batch) {
                ObjectNode root = Json.object();
                root.putObject("embedding").set("values", Embeddings.json(Embeddings.vector(texts.get(0), dims)));
                return Reply.json(200, root);
            }
            ArrayNode list = Json.array();
            texts.forEach(t -> list.addObject().set("values", Embeddings.json(Embeddings.vector(t, dims))));
            return Reply.json(200, Json.object().set("embeddings", list));
        });
    }
}
