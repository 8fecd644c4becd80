package dev.detour.gateway.providers.ollama;

import dev.detour.gateway.providers.http.JsonPeek;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.http.client.sse.ServerSentEvent;

/** Ollama's NDJSON stream: the line with {@code "done": true} both finishes and ends the answer. */
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
    public ServerSentEvent syntheticTerminator() {
        return null;
    }

    @Override
    public String refusalIn(String json) {
        return null;
    }
}
