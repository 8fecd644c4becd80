package dev.detour.gateway.api;

import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.Usage;

import java.util.List;

/** Builds the chunks of one streamed completion, all with the same id, created time and model. */
final class ChunkFactory {

    private final String id;
    private final long created;
    private final String model;

    ChunkFactory(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    ChatCompletionChunk delta(ChatCompletionChunk.Delta delta) {
        return choice(delta, null);
    }

    ChatCompletionChunk finish(String finishReason) {
        return choice(ChatCompletionChunk.Delta.empty(), finishReason == null ? "stop" : finishReason);
    }

    /** The extra last chunk of {@code stream_options.include_usage}: no choices, only usage. */
    ChatCompletionChunk usage(Usage usage) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(), usage);
    }

    private ChatCompletionChunk choice(ChatCompletionChunk.Delta delta, String finishReason) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                List.of(new ChatCompletionChunk.ChunkChoice(0, delta, finishReason)), null);
    }
}
