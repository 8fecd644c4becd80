package dev.detour.gateway.providers;

import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.Usage;

/**
 * Receives one streamed answer from an adapter. Calls come from the adapter's thread, in order; exactly one of
 * {@link #onComplete} and {@link #onError} ends the stream.
 */
public interface StreamListener {

    /** An increment of the answer: text, or tool-call fragments (with their OpenAI index). */
    void onDelta(ChatCompletionChunk.Delta delta);

    /** The stream reached its proper end; {@code usage} is null when the provider did not report it. */
    void onComplete(String finishReason, Usage usage);

    /** The call failed, before or after some deltas. */
    void onError(ProviderException failure);
}
