package dev.detour.gateway.cache;

import dev.detour.cache.AnswerToStore;
import dev.detour.cache.StoreOptions;
import dev.detour.cache.StoreOutcome;
import dev.detour.cache.policy.AnswerFacts;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The cache step after an answer: offers it to the cache with what is known of it (status, finish reason, whether it
 * came from the route's first choice, tool calls). The cache's rules decide; nothing here can fail the response.
 */
public final class CacheStoreStep {

    private static final Logger log = LoggerFactory.getLogger(CacheStoreStep.class);

    private final GatewayCache cache;
    private final JsonCodec json;

    public CacheStoreStep(GatewayCache cache, JsonCodec json) {
        this.cache = cache;
        this.json = json;
    }

    /** A capture for a stream whose answer may be stored, or null when it will not be. */
    public StreamCapture capture(CacheTicket ticket) {
        return ticket.mayStore() ? new StreamCapture() : null;
    }

    /** After a complete (non-streamed) answer went out. */
    public void afterAnswer(CacheTicket ticket, Route route, DeploymentId servedBy, boolean degraded,
                            ChatCompletionResponse response) {
        if (!ticket.mayStore()) {
            return;
        }
        String finishReason = response.choices().isEmpty() ? null : response.choices().getFirst().finishReason();
        boolean toolCalls = response.choices().stream()
                .anyMatch(c -> c.message() != null && c.message().toolCalls() != null
                        && !c.message().toolCalls().isEmpty());
        offer(ticket, response, servedBy, new AnswerFacts(200, finishReason, !response.choices().isEmpty(), toolCalls,
                AnswerOrigins.of(route, servedBy, degraded)));
    }

    /** After a stream ended properly ([DONE] sent); a stream that broke off never comes here. */
    public void afterStream(CacheTicket ticket, Route route, DeploymentId servedBy, boolean degraded,
                            StreamCapture capture, String model, String finishReason, Usage usage) {
        if (capture == null || !ticket.mayStore()) {
            return;
        }
        if (capture.notJustText()) {
            log.debug("not caching a streamed answer with tool calls or a refusal");
            return;
        }
        String finish = finishReason == null ? "stop" : finishReason;
        ChatCompletionResponse response = new ChatCompletionResponse(null, ChatCompletionResponse.OBJECT, 0, model,
                List.of(new ChatCompletionResponse.Choice(0, ChatMessage.assistant(capture.text(), null), finish)),
                usage, null);
        offer(ticket, response, servedBy, new AnswerFacts(200, finish, true, false,
                AnswerOrigins.of(route, servedBy, degraded)));
    }

    private void offer(CacheTicket ticket, ChatCompletionResponse response, DeploymentId servedBy, AnswerFacts facts) {
        try {
            StoreOutcome outcome = cache.semantic().store(ticket.request(),
                    new AnswerToStore(json.write(response), servedBy.provider(), servedBy.model(), facts),
                    new StoreOptions(ticket.controls().ttl(), ticket.queryVector(), ticket.removalMark()));
            log.debug("cache store: {}", outcome);
        } catch (RuntimeException e) {
            log.warn("cache store failed: {}", e.toString());
        }
    }
}
