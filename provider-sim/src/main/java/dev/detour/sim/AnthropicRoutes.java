package dev.detour.sim;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Anthropic endpoints, under /v1 and at the root (the client appends "messages" to its base URL). */
final class AnthropicRoutes {

    private final AnthropicProtocol protocol;
    private final Exchange exchange;

    AnthropicRoutes(SimState state, Exchange exchange) {
        this.protocol = new AnthropicProtocol(state.ids);
        this.exchange = exchange;
    }

    void register(RoutesConfig routes) {
        for (String prefix : new String[] {"/v1", ""}) {
            routes.post(prefix + "/messages", this::messages);
            routes.post(prefix + "/messages/count_tokens", this::countTokens);
        }
    }

    private void messages(Context ctx) {
        ChatCall call;
        try {
            call = protocol.parseChat(Json.parse(ctx.bodyAsBytes()));
        } catch (BadRequest e) {
            Exchange.send(ctx, protocol.error(400, e.getMessage(), null, null));
            return;
        }
        exchange.chat(ctx, protocol, call);
    }

    private void countTokens(Context ctx) {
        try {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(ctx.bodyAsBytes());
            body.put("max_tokens", 1);
            ChatCall call = protocol.parseChat(body);
            Exchange.send(ctx, Reply.json(200, Json.object().put("input_tokens", call.promptTokens())));
        } catch (BadRequest | ClassCastException e) {
            Exchange.send(ctx, protocol.error(400, e.getMessage(), null, null));
        }
    }
}
