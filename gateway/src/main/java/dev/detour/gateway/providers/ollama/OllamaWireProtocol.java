package dev.detour.gateway.providers.ollama;

import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.http.JsonPeek;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.http.client.sse.ServerSentEvent;

/**
 * Ollama's NDJSON stream: the line with {@code "done": true} both finishes and ends the answer; a
 * {@code {"error":"..."}} line is the server failing mid-answer.
 */
public final class OllamaWireProtocol implements WireProtocol {

    @Override
    public boolean finishes(ServerSentEvent event) {
        return JsonPeek.valueStart(event.data(), "done") == 't';
    }

    @Override
    public boolean terminates(ServerSentEvent event) {
        return finishes(event);
    }

    @Override
    public boolean reportsError(ServerSentEvent event) {
        String data = event.data();
        return JsonPeek.valueStart(data, "error") != 0 && ErrorBodies.isErrorEnvelope(data);
    }

    @Override
    public ServerSentEvent syntheticTerminator() {
        return null;
    }

    @Override
    public String refusalIn(String json) {
        return null;
    }
}
