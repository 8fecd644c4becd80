package dev.detour.gateway.api;

import dev.detour.gateway.cache.CacheLookupStep;
import dev.detour.gateway.cache.CacheStoreStep;
import dev.detour.gateway.cache.CacheTicket;
import dev.detour.gateway.cache.StreamCapture;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.routing.Answer;
import dev.detour.gateway.routing.Deployments;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.routing.StreamEvent;
import dev.detour.gateway.routing.StreamRelay;
import dev.detour.gateway.routing.StreamStart;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ErrorResponse;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code POST /v1/chat/completions}: the request path, top to bottom. Parse and validate, find the route, answer from
 * the cache when it can, otherwise let the failover executor find a deployment that answers, respond in the OpenAI
 * schema (JSON or SSE), and offer the answer to the cache.
 */
public final class ChatCompletionsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsEndpoint.class);

    private final RequestBody body;
    private final JsonCodec json;
    private final ChatRequestValidator validator = new ChatRequestValidator();
    private final RouteTable routes;
    private final Deployments deployments;
    private final FailoverExecutor executor;
    private final Duration streamIdleLimit;
    private final CacheLookupStep cacheLookup;
    private final CacheStoreStep cacheStore;

    public ChatCompletionsEndpoint(RequestBody body, JsonCodec json, RouteTable routes, Deployments deployments,
                                   FailoverExecutor executor, Duration streamIdleLimit, CacheLookupStep cacheLookup,
                                   CacheStoreStep cacheStore) {
        this.body = body;
        this.json = json;
        this.routes = routes;
        this.deployments = deployments;
        this.executor = executor;
        this.streamIdleLimit = streamIdleLimit;
        this.cacheLookup = cacheLookup;
        this.cacheStore = cacheStore;
    }

    public void handle(Context ctx) throws IOException {
        ChatCompletionRequest request = json.read(body.read(ctx), ChatCompletionRequest.class);
        validator.validate(request);
        Route route = routes.find(request.model()).orElseThrow(() -> ModelsEndpoint.notFound(request.model()));
        CacheTicket cached = cacheLookup.lookup(ctx, route, request);
        if (cached.answered()) {
            return;
        }
        if (request.isStream()) {
            stream(ctx, route, request, cached);
        } else {
            complete(ctx, route, request, cached);
        }
    }

    private void complete(Context ctx, Route route, ChatCompletionRequest request, CacheTicket cached) {
        Answer<ChatCompletionResponse> answer;
        try {
            answer = executor.call(route, id -> deployments.chat(id).complete(request));
        } catch (RoutingException e) {
            AttemptHeaders.write(ctx, route.name(), e.attempts());
            throw e;
        }
        AttemptHeaders.write(ctx, route.name(), answer.attempts());
        ChatCompletionResponse response = answer.value();
        ChatCompletionResponse stamped = response.withIdentity(
                response.id() != null ? response.id() : RequestIds.random("chatcmpl-"),
                response.created() > 0 ? response.created() : nowSeconds(),
                response.model() != null ? response.model() : answer.servedBy().model());
        ctx.contentType("application/json").result(json.write(stamped));
        // TODO(merge): pass the routing layer's degraded mark (local model tier) instead of false.
        cacheStore.afterAnswer(cached, route, answer.servedBy(), false, stamped);
    }

    private void stream(Context ctx, Route route, ChatCompletionRequest request, CacheTicket cached)
            throws IOException {
        StreamStart start;
        try {
            start = executor.stream(route, (id, listener) -> deployments.chat(id).stream(request, listener));
        } catch (RoutingException e) {
            AttemptHeaders.write(ctx, route.name(), e.attempts());
            throw e;
        }
        AttemptHeaders.write(ctx, route.name(), start.attempts());
        StreamRelay relay = start.relay();
        ChunkFactory chunks = new ChunkFactory(RequestIds.random("chatcmpl-"), nowSeconds(), start.servedBy().model());
        try {
            SseWriter sse = SseWriter.open(ctx);
            sse.data(json.write(chunks.delta(ChatCompletionChunk.Delta.role("assistant"))));
            StreamCapture capture = cacheStore.capture(cached);
            StreamEvent.Complete end = relayUntilEnd(sse, chunks, start.first(), relay,
                    request.includeUsageInStream(), start, capture);
            if (end != null) {
                // TODO(merge): pass the routing layer's degraded mark (local model tier) instead of false.
                cacheStore.afterStream(cached, route, start.servedBy(), false, capture, start.servedBy().model(),
                        end.finishReason(), end.usage());
            }
        } catch (IOException clientGone) {
            // The client hung up; the provider's remaining tokens are of no use to anyone.
            log.debug("client left a stream from {}", start.servedBy());
        } finally {
            relay.abandon();
        }
    }

    /**
     * Copies events to the client until the stream ends properly (returns its end, after [DONE]), fails, or goes
     * quiet for too long (returns null). Text goes to {@code capture} too, when there is one.
     */
    private StreamEvent.Complete relayUntilEnd(SseWriter sse, ChunkFactory chunks, StreamEvent first,
                                               StreamRelay relay, boolean includeUsage, StreamStart start,
                                               StreamCapture capture) throws IOException {
        StreamEvent event = first;
        while (true) {
            switch (event) {
                case StreamEvent.Delta delta -> {
                    sse.data(json.write(chunks.delta(delta.delta())));
                    if (capture != null) {
                        capture.add(delta.delta());
                    }
                }
                case StreamEvent.Complete complete -> {
                    sse.data(json.write(chunks.finish(complete.finishReason())));
                    if (includeUsage && complete.usage() != null) {
                        sse.data(json.write(chunks.usage(complete.usage())));
                    }
                    sse.done();
                    return complete;
                }
                case StreamEvent.Failed failed -> {
                    failMidStream(sse, start, failed.failure());
                    return null;
                }
                case null -> {
                    failMidStream(sse, start, new ProviderException(FailureClass.TIMEOUT, 0,
                            start.servedBy() + " went silent for " + streamIdleLimit.toMillis() + " ms mid-stream",
                            null, "upstream_timeout", null, null));
                    return null;
                }
            }
            try {
                event = relay.next(streamIdleLimit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * After the first byte there is no failing over: the client gets an explicit error event and no [DONE], so
     * no SDK mistakes the partial answer for a complete one.
     */
    private void failMidStream(SseWriter sse, StreamStart start, ProviderException failure) throws IOException {
        log.info("stream from {} failed after it started: {} {}", start.servedBy(),
                failure.failureClass(), failure.getMessage());
        String message = "the stream from " + start.servedBy() + " failed after it started ("
                + failure.failureClass().name().toLowerCase() + "): " + failure.getMessage();
        sse.data(json.write(ErrorResponse.of(message, "upstream_error", null, "stream_interrupted")));
        sse.breakOff();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
