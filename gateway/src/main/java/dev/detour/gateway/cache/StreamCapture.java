package dev.detour.gateway.cache;

import dev.detour.gateway.wire.ChatCompletionChunk;

/**
 * Collects a streamed answer's text as it goes to the client, so that a stream that reaches its end can be stored
 * like a complete answer. Streamed tool calls arrive in fragments; such an answer is not stored (marked here).
 */
public final class StreamCapture {

    private final StringBuilder text = new StringBuilder();
    private boolean toolCalls;
    private boolean refusal;

    public void add(ChatCompletionChunk.Delta delta) {
        if (delta.content() != null) {
            text.append(delta.content());
        }
        if (delta.toolCalls() != null && !delta.toolCalls().isEmpty()) {
            toolCalls = true;
        }
        if (delta.refusal() != null) {
            refusal = true;
        }
    }

    String text() {
        return text.toString();
    }

    /** Tool calls or a refusal came through: the text alone is not the whole answer. */
    boolean notJustText() {
        return toolCalls || refusal;
    }
}
