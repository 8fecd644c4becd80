package dev.detour.gateway.routing;

import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.Usage;

/** What a streaming deployment reported, queued between the adapter's thread and the client's. */
public sealed interface StreamEvent {

    /** An increment of the answer. */
    record Delta(ChatCompletionChunk.Delta delta) implements StreamEvent {
    }

    /** The proper end of the answer. */
    record Complete(String finishReason, Usage usage) implements StreamEvent {
    }

    /** The stream failed. */
    record Failed(ProviderException failure) implements StreamEvent {
    }
}
