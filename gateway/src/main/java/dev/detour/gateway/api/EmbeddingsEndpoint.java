package dev.detour.gateway.api;

import dev.detour.gateway.routing.Answer;
import dev.detour.gateway.routing.Deployments;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.wire.EmbeddingRequest;
import dev.detour.gateway.wire.EmbeddingResponse;
import io.javalin.http.Context;

import java.util.Set;

/** {@code POST /v1/embeddings}, through the embedding models of the providers that have them. */
public final class EmbeddingsEndpoint {

    private final RequestBody body;
    private final JsonCodec json;
    private final RouteTable routes;
    private final Deployments deployments;
    private final FailoverExecutor executor;

    public EmbeddingsEndpoint(RequestBody body, JsonCodec json, RouteTable routes, Deployments deployments,
                              FailoverExecutor executor) {
        this.body = body;
        this.json = json;
        this.routes = routes;
        this.deployments = deployments;
        this.executor = executor;
    }

    public void handle(Context ctx) {
        EmbeddingRequest request = json.read(body.read(ctx), EmbeddingRequest.class);
        validate(request);
        Route route = routes.find(request.model()).orElseThrow(() -> ModelsEndpoint.notFound(request.model()));
        Answer<EmbeddingResponse> answer;
        try {
            answer = executor.call(route, id -> deployments.embedding(id).embed(request));
        } catch (RoutingException e) {
            AttemptHeaders.write(ctx, route.name(), e.attempts());
            throw e;
        }
        AttemptHeaders.write(ctx, route.name(), answer.attempts());
        EmbeddingResponse response = "base64".equals(request.encodingFormat())
                ? answer.value().asBase64() : answer.value();
        ctx.contentType("application/json").result(json.write(response));
    }

    private static void validate(EmbeddingRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            throw ApiException.badRequest("missing_required_parameter", "model", "'model' is required");
        }
        if (request.input() == null || request.input().isEmpty()
                || request.input().stream().anyMatch(text -> text == null || text.isEmpty())) {
            throw ApiException.badRequest("invalid_value", "input",
                    "'input' must be a non-empty string or a non-empty array of non-empty strings");
        }
        if (request.encodingFormat() != null && !Set.of("float", "base64").contains(request.encodingFormat())) {
            throw ApiException.badRequest("invalid_value", "encoding_format",
                    "'encoding_format' must be 'float' or 'base64'");
        }
        if (!request.otherFields().isEmpty()) {
            String field = request.otherFields().keySet().iterator().next();
            throw ApiException.badRequest("unsupported_parameter", field,
                    "Detour does not support the parameter '" + field + "'");
        }
    }
}
