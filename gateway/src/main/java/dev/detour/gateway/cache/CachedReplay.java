package dev.detour.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.store.CacheEntry;
import dev.detour.gateway.api.DetourHeaders;
import dev.detour.gateway.api.JsonBody;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.api.RequestIds;
import dev.detour.gateway.api.SseWriter;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ToolCall;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a request from a cache entry: the stored completion with a fresh id and time, as JSON, or replayed as an
 * OpenAI event stream (role, the text a word at a time, tool calls, finish, usage when asked for, [DONE]). Headers
 * say it came from the cache, how, and who made the answer originally.
 * <p>
 * The entries hit recently are kept ready to send ({@link ReplayableAnswer}): parsing the stored answer and
 * serialising it again was most of a hit's own CPU, and its garbage. An entry's answer never changes under its id
 * (a new answer gets a new id), so what is kept here cannot go stale; a purged entry's copy just ages out.
 */
public final class CachedReplay {

    /** A word with the whitespace before it, as providers stream text. */
    private static final Pattern PIECE = Pattern.compile("\\s*\\S+|\\s+");
    private final JsonCodec json;
    private final Cache<String, ReplayableAnswer> ready;

    /** @param readyBytes room for hot answers kept ready to send (cache.hot_memory's third; 0: none kept) */
    public CachedReplay(JsonCodec json, long readyBytes) {
        this.json = json;
        // Maintenance on the calling thread: handing it to a pool would wake another thread on a hit's path.
        this.ready = Caffeine.newBuilder().maximumWeight(readyBytes).executor(Runnable::run)
                .weigher((String id, ReplayableAnswer answer) -> answer.weight()).build();
    }

    public void respond(Context ctx, Route route, ChatCompletionRequest request, LookupResult.Hit hit)
            throws IOException {
        CacheEntry entry = hit.entry();
        ReplayableAnswer answer = replayable(entry);
        ChatCompletionResponse stored = answer.stored();
        ctx.header(CacheHeaders.CACHE, hit.kind() == LookupResult.Kind.EXACT ? "exact" : "semantic");
        if (hit.kind() == LookupResult.Kind.SEMANTIC) {
            ctx.header(CacheHeaders.SIMILARITY, String.format(Locale.ROOT, "%.4f", hit.similarity()));
        }
        ctx.header(CacheHeaders.ENTRY_ID, entry.id());
        ctx.header(DetourHeaders.ROUTE, route.name());
        ctx.header(DetourHeaders.PROVIDER, entry.provider() + "/" + entry.model());
        ctx.header(DetourHeaders.ATTEMPTS, "0");
        String id = RequestIds.random("chatcmpl-");
        long created = System.currentTimeMillis() / 1000;
        if (request.isStream()) {
            stream(ctx, stored, id, created, request.includeUsageInStream());
        } else {
            JsonBody.send(ctx, answer.json(id, created, json));
        }
    }

    private ReplayableAnswer replayable(CacheEntry entry) throws IOException {
        ReplayableAnswer kept = ready.getIfPresent(entry.id());
        if (kept == null) {
            kept = ReplayableAnswer.of(entry.answer(), json);
            ready.put(entry.id(), kept);
        }
        return kept;
    }

    private void stream(Context ctx, ChatCompletionResponse stored, String id, long created, boolean includeUsage)
            throws IOException {
        SseWriter sse = SseWriter.open(ctx);
        List<ChatCompletionResponse.Choice> choices = stored.choices();
        for (ChatCompletionResponse.Choice choice : choices) {
            ChatMessage message = choice.message();
            sse.data(json.write(chunk(stored, id, created, choice.index(), ChatCompletionChunk.Delta.role("assistant"),
                    null)));
            String text = message == null ? null : message.text();
            if (text != null) {
                Matcher pieces = PIECE.matcher(text);
                while (pieces.find()) {
                    sse.data(json.write(chunk(stored, id, created, choice.index(),
                            ChatCompletionChunk.Delta.text(pieces.group()), null)));
                }
            }
            if (message != null && message.toolCalls() != null && !message.toolCalls().isEmpty()) {
                List<ToolCall> indexed = new ArrayList<>();
                for (int i = 0; i < message.toolCalls().size(); i++) {
                    ToolCall call = message.toolCalls().get(i);
                    indexed.add(new ToolCall(i, call.id(), call.type(), call.function()));
                }
                sse.data(json.write(chunk(stored, id, created, choice.index(),
                        ChatCompletionChunk.Delta.toolCalls(indexed), null)));
            }
            sse.data(json.write(chunk(stored, id, created, choice.index(), ChatCompletionChunk.Delta.empty(),
                    choice.finishReason() == null ? "stop" : choice.finishReason())));
        }
        if (includeUsage && stored.usage() != null) {
            sse.data(json.write(new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, stored.model(),
                    List.of(), stored.usage())));
        }
        sse.done();
    }

    private static ChatCompletionChunk chunk(ChatCompletionResponse stored, String id, long created, int index,
                                             ChatCompletionChunk.Delta delta, String finishReason) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, stored.model(),
                List.of(new ChatCompletionChunk.ChunkChoice(index, delta, finishReason)), null);
    }
}
