package dev.detour.gateway.providers.openai;

import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.http.JsonPeek;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.http.client.sse.ServerSentEvent;

/**
 * OpenAI chat-completion chunks: a chunk with a non-null {@code finish_reason} finishes the answer, {@code [DONE]}
 * ends the stream. LangChain4j's OpenAI adapter completes on close, so no terminator is made up. A server that
 * fails mid-answer sends {@code data: {"error":{"message","type","code"}}} (some compatible servers, and Mistral,
 * the flat {@code {"object":"error","message",...}}), which LangChain4j ignores or cannot parse.
 */
public final class OpenAiWireProtocol implements WireProtocol {

    private final boolean needsTerminator;

    /** @param needsTerminator whether the family's adapter only completes on {@code [DONE]} (Mistral's does) */
    public OpenAiWireProtocol(boolean needsTerminator) {
        this.needsTerminator = needsTerminator;
    }

    @Override
    public boolean finishes(ServerSentEvent event) {
        return JsonPeek.hasNonNull(event.data(), "finish_reason");
    }

    @Override
    public boolean terminates(ServerSentEvent event) {
        return "[DONE]".equals(event.data());
    }

    @Override
    public boolean reportsError(ServerSentEvent event) {
        String data = event.data();
        boolean candidate = JsonPeek.valueStart(data, "error") == '{'
                || "error".equals(JsonPeek.stringValue(data, "object"));
        return candidate && ErrorBodies.isErrorEnvelope(data);
    }

    @Override
    public ServerSentEvent syntheticTerminator() {
        return needsTerminator ? new ServerSentEvent(null, "[DONE]") : null;
    }

    @Override
    public String refusalIn(String json) {
        return null; // OpenAI reports refusals as finish_reason content_filter, which the mapping handles
    }
}
