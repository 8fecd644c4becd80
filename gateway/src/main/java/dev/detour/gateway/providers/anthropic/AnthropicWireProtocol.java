package dev.detour.gateway.providers.anthropic;

import dev.detour.gateway.providers.http.JsonPeek;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.http.client.sse.ServerSentEvent;

/**
 * Anthropic Messages streams: {@code message_delta} carries the stop_reason, {@code message_stop} ends the stream.
 * LangChain4j's Anthropic adapter completes only on message_stop, so one is made up when a stop_reason came but
 * the connection closed before message_stop. A server that fails mid-answer sends {@code event: error} with
 * {@code {"type":"error","error":{"type","message"}}}.
 */
public final class AnthropicWireProtocol implements WireProtocol {

    private static final ServerSentEvent MESSAGE_STOP = new ServerSentEvent("message_stop", "{\"type\":\"message_stop\"}");

    @Override
    public boolean finishes(ServerSentEvent event) {
        return "message_stop".equals(event.event())
                || ("message_delta".equals(event.event()) && JsonPeek.hasNonNull(event.data(), "stop_reason"));
    }

    @Override
    public boolean terminates(ServerSentEvent event) {
        return "message_stop".equals(event.event());
    }

    @Override
    public boolean reportsError(ServerSentEvent event) {
        return "error".equals(event.event()) || "error".equals(JsonPeek.stringValue(event.data(), "type"));
    }

    @Override
    public ServerSentEvent syntheticTerminator() {
        return MESSAGE_STOP;
    }

    @Override
    public String refusalIn(String json) {
        // LangChain4j maps stop_reason "refusal" to OTHER, which would look like a normal stop.
        return "refusal".equals(JsonPeek.stringValue(json, "stop_reason"))
                ? "the model declined to answer (stop_reason: refusal)" : null;
    }
}
