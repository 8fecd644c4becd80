package dev.detour.gateway.providers.gemini;

import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.http.JsonPeek;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.http.client.sse.ServerSentEvent;

/**
 * Gemini generateContent (and its SSE stream): a candidate's {@code finishReason} finishes the answer; the stream
 * simply closes. A blocked prompt comes back as 2xx with {@code promptFeedback.blockReason} and no candidate,
 * on which LangChain4j would fail with a NullPointerException: it is turned into a refusal here. A server that fails
 * mid-answer sends its error body as a frame ({@code data: {"error":{"code","message","status"}}}), which LangChain4j
 * ignores.
 */
public final class GeminiWireProtocol implements WireProtocol {

    @Override
    public boolean finishes(ServerSentEvent event) {
        return JsonPeek.hasNonNull(event.data(), "finishReason");
    }

    @Override
    public boolean terminates(ServerSentEvent event) {
        return false;
    }

    @Override
    public boolean reportsError(ServerSentEvent event) {
        String data = event.data();
        return JsonPeek.valueStart(data, "error") == '{' && ErrorBodies.isErrorEnvelope(data);
    }

    @Override
    public ServerSentEvent syntheticTerminator() {
        return null;
    }

    @Override
    public String refusalIn(String json) {
        String reason = JsonPeek.stringValue(json, "blockReason");
        return reason == null ? null : "the prompt was blocked (blockReason: " + reason + ")";
    }
}
