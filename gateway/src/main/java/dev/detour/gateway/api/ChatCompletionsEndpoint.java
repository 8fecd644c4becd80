package dev.detour.gateway.api;

import dev.detour.gateway.cache.CacheLookupStep;
import dev.detour.gateway.cache.CacheStoreStep;
import dev.detour.gateway.cache.CacheTicket;
import dev.detour.gateway.cache.StreamCapture;
import dev.detour.gateway.consensus.ConsensusCall;
import dev.detour.gateway.consensus.ConsensusMode;
import dev.detour.gateway.consensus.ConsensusOutcome;
import dev.detour.gateway.idempotency.IdempotencyClaim;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.idempotency.IdempotencyStore;
import dev.detour.gateway.idempotency.RecordedResponse;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.routing.Answer;
import dev.detour.gateway.routing.Attempt;
import dev.detour.gateway.routing.Deployments;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.routing.StreamEvent;
import dev.detour.gateway.routing.StreamRelay;
import dev.detour.gateway.routing.StreamStart;
import dev.detour.gateway.screening.CostBudget;
import dev.detour.gateway.screening.RequestScreener;
import dev.detour.gateway.screening.ScreenedRequest;
import dev.detour.gateway.usage.UsageMeter;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ErrorResponse;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/chat/completions}: the request path, top to bottom. Parse and validate, find the route, answer a
 * repeated Idempotency-Key from its first answer, answer from the cache when it can, screen the route's candidates
 * (context window, language, budget), let the failover executor find a deployment that answers (or, on a consensus
 * route, two that agree), respond in the OpenAI schema (JSON or SSE), bill the answer in the usage ledger and offer
 * it to the cache.
 */
public final class ChatCompletionsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsEndpoint.class);
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final RequestBody body;
    private final JsonCodec json;
    private final ChatRequestValidator validator = new ChatRequestValidator();
    private final RouteTable routes;
    private final Deployments deployments;
    private final FailoverExecutor executor;
    private final IdempotencyStore idempotency;
    private final RequestScreener screener;
    private final UsageMeter meter;
    private final CacheLookupStep cacheLookup;
    private final CacheStoreStep cacheStore;
    private final ConsensusMode consensus;

    public ChatCompletionsEndpoint(RequestBody body, JsonCodec json, RouteTable routes, Deployments deployments,
                                   FailoverExecutor executor, IdempotencyStore idempotency,
                                   RequestScreener screener, UsageMeter meter, CacheLookupStep cacheLookup,
                                   CacheStoreStep cacheStore, ConsensusMode consensus) {
        this.body = body;
        this.json = json;
        this.routes = routes;
        this.deployments = deployments;
        this.executor = executor;
        this.idempotency = idempotency;
        this.screener = screener;
        this.meter = meter;
        this.cacheLookup = cacheLookup;
        this.cacheStore = cacheStore;
        this.consensus = consensus;
    }

    public void handle(Context ctx) throws IOException {
        byte[] raw = body.read(ctx);
        ChatCompletionRequest request = json.read(raw, ChatCompletionRequest.class);
        validator.validate(request);
        Route route = routes.find(request.model()).orElseThrow(() -> ModelsEndpoint.notFound(request.model()));
        consensus.refuseStreaming(route.name(), request.isStream());
        IdempotencyClaim claim = idempotency.claim(ctx.header(IdempotencyStore.HEADER), ctx.path(), raw);
        if (claim instanceof IdempotencyClaim.Replay replay) {
            ResponseRecords.replay(ctx, replay.response());
            return;
        }
        IdempotencyClaim.Owner owner = (IdempotencyClaim.Owner) claim;
        RecordedResponse sent = null;
        try {
            CacheTicket cached = cacheLookup.lookup(ctx, route, request);
            if (cached.answered()) {
                recordCacheHit(ctx, route, request, cached);
                return;
            }
            ScreenedRequest screened = screener.screen(route, request, ctx.header(CostBudget.HEADER));
            ScreeningHeaders.write(ctx, screened);
            if (request.isStream()) {
                sent = stream(ctx, route, screened, cached, owner.records());
            } else if (consensus.isOn(route.name())) {
                sent = completeByConsensus(ctx, route, screened, cached);
            } else {
                sent = complete(ctx, route, screened, cached);
            }
        } finally {
            if (sent != null) {
                owner.complete(sent);
            } else {
                owner.abandon();
            }
        }
    }

    private RecordedResponse complete(Context ctx, Route route, ScreenedRequest screened, CacheTicket cached) {
        Answer<ChatCompletionResponse> answer;
        try {
            answer = executor.call(screened.route(), id -> deployments.chat(id).complete(screened.requestFor(id)));
        } catch (RoutingException e) {
            AttemptHeaders.write(ctx, screened.route().name(), e.attempts());
            throw e;
        }
        AttemptHeaders.write(ctx, screened.route().name(), answer.attempts());
        AttemptHeaders.degraded(ctx, answer.degraded());
        return respond(ctx, route, cached, answer, bill(ctx, screened, answer));
    }

    /** Two (or more) providers asked; an answer only when two agree, every answered call billed either way. */
    private RecordedResponse completeByConsensus(Context ctx, Route route, ScreenedRequest screened,
                                                 CacheTicket cached) {
        ConsensusOutcome outcome = consensus.run(screened.route(),
                id -> deployments.chat(id).complete(screened.requestFor(id)));
        List<Attempt> attempts = outcome.calls().stream().flatMap(call -> call.answered()
                ? call.answer().attempts().stream() : call.failure().attempts().stream()).toList();
        AttemptHeaders.write(ctx, screened.route().name(), attempts);
        ConsensusHeaders.write(ctx, outcome);
        double cost = outcome.calls().stream().filter(ConsensusCall::answered)
                .mapToDouble(call -> bill(ctx, screened, call.answer())).sum();
        if (outcome.agreed() == null) {
            ctx.header(DetourHeaders.COST, usd(cost));
            throw new ApiException(502, "upstream_error", "consensus_failed", null, "no two providers of route '"
                    + screened.route().name() + "' agreed: " + ConsensusHeaders.disagreement(outcome));
        }
        return respond(ctx, route, cached, outcome.agreed().first().answer(), cost);
    }

    /** A cache hit is a ledger row too: no cost, its layer, and the deployment that made the answer. */
    private void recordCacheHit(Context ctx, Route route, ChatCompletionRequest request, CacheTicket cached) {
        meter.recordCacheHit(ctx.res().getHeader(DetourHeaders.REQUEST_ID), route.name(),
                new DeploymentId(cached.hit().entry().provider(), cached.hit().entry().model()),
                cached.hit().kind().name().toLowerCase(Locale.ROOT), request.isStream());
    }

    private double bill(Context ctx, ScreenedRequest screened, Answer<ChatCompletionResponse> answer) {
        return meter.bill(ctx.res().getHeader(DetourHeaders.REQUEST_ID), screened, answer.servedBy(),
                answer.value().usage(), answerText(answer.value()), false);
    }

    private RecordedResponse respond(Context ctx, Route route, CacheTicket cached,
                                     Answer<ChatCompletionResponse> answer, double cost) {
        ChatCompletionResponse response = answer.value();
        ChatCompletionResponse stamped = response.withIdentity(
                response.id() != null ? response.id() : RequestIds.random("chatcmpl-"),
                response.created() > 0 ? response.created() : nowSeconds(),
                response.model() != null ? response.model() : answer.servedBy().model());
        ctx.header(DetourHeaders.COST, usd(cost));
        byte[] bytes = json.write(stamped);
        JsonBody.send(ctx, bytes);
        cacheStore.afterAnswer(cached, route, answer.servedBy(), answer.degraded(), stamped);
        return ResponseRecords.capture(ctx, JSON, bytes);
    }

    /** Streams the answer; returns it as sent when it ended properly and a copy was asked for, else null. */
    private RecordedResponse stream(Context ctx, Route route, ScreenedRequest screened, CacheTicket cached,
                                    boolean keepCopy) throws IOException {
        StreamStart start;
        try {
            start = executor.stream(screened.route(),
                    (id, listener) -> deployments.chat(id).stream(screened.requestFor(id), listener));
        } catch (RoutingException e) {
            AttemptHeaders.write(ctx, screened.route().name(), e.attempts());
            throw e;
        }
        AttemptHeaders.write(ctx, screened.route().name(), start.attempts());
        AttemptHeaders.degraded(ctx, start.degraded());
        StreamRelay relay = start.relay();
        ChunkFactory chunks = new ChunkFactory(RequestIds.random("chatcmpl-"), nowSeconds(), start.servedBy().model());
        try {
            SseWriter sse = SseWriter.open(ctx, keepCopy);
            sse.data(json.write(chunks.delta(ChatCompletionChunk.Delta.role("assistant"))));
            StringBuilder text = new StringBuilder();
            StreamCapture capture = cacheStore.capture(cached);
            StreamEvent.Complete end = relayUntilEnd(sse, chunks, start.first(), relay,
                    screened.request().includeUsageInStream(), start, text, capture);
            if (end == null) {
                return null;
            }
            cacheStore.afterStream(cached, route, start.servedBy(), start.degraded(), capture,
                    start.servedBy().model(), end.finishReason(), end.usage());
            meter.bill(ctx.res().getHeader(DetourHeaders.REQUEST_ID), screened, start.servedBy(), end.usage(),
                    text.toString(), true);
            return keepCopy ? ResponseRecords.capture(ctx, EVENT_STREAM, sse.sent()) : null;
        } catch (IOException clientGone) {
            // The client hung up; the provider's remaining tokens are of no use to anyone.
            log.debug("client left a stream from {}", start.servedBy());
            return null;
        } finally {
            relay.abandon();
            // Says nothing if the stream already reported how it ended: only the first report counts.
            start.outcome().abandoned();
        }
    }

    /**
     * Copies events to the client until the stream ends properly (returns its end), fails, or goes quiet for too
     * long (returns null). The answer's text is gathered in {@code text}, to count its tokens if the provider does not,
     * and its deltas go to {@code capture} too when the cache may keep the answer.
     */
    private StreamEvent.Complete relayUntilEnd(SseWriter sse, ChunkFactory chunks, StreamEvent first,
                                               StreamRelay relay, boolean includeUsage, StreamStart start,
                                               StringBuilder text, StreamCapture capture) throws IOException {
        StreamEvent event = first;
        while (true) {
            switch (event) {
                case StreamEvent.Delta delta -> {
                    if (delta.delta().content() != null) {
                        text.append(delta.delta().content());
                    }
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
                    start.outcome().completed();
                    sse.done();
                    return complete;
                }
                case StreamEvent.Failed failed -> {
                    failMidStream(sse, start, failed.failure());
                    return null;
                }
                case null -> {
                    String why = start.pastDeadline() ? "did not finish within its time limit"
                            : "went silent for " + start.idleTimeout().toMillis() + " ms mid-stream";
                    failMidStream(sse, start, new ProviderException(FailureClass.TIMEOUT, 0,
                            start.servedBy() + " " + why, null, "upstream_timeout", null, null));
                    return null;
                }
            }
            try {
                event = relay.next(start.nextWait());
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
        start.outcome().failed(failure);
        log.info("stream from {} failed after it started: {} {}", start.servedBy(),
                failure.failureClass(), failure.getMessage());
        String message = "the stream from " + start.servedBy() + " failed after it started ("
                + failure.failureClass().name().toLowerCase() + "): " + failure.getMessage();
        sse.data(json.write(ErrorResponse.of(message, "upstream_error", null, "stream_interrupted")));
        sse.breakOff();
    }

    private static String answerText(ChatCompletionResponse response) {
        return response.choices().isEmpty() || response.choices().getFirst().message() == null ? null
                : response.choices().getFirst().message().text();
    }

    private static String usd(double cost) {
        return String.format(Locale.ROOT, "%.8f", cost);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
