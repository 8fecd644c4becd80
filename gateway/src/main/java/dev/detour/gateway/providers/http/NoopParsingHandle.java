package dev.detour.gateway.providers.http;

import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;

/** The parsing handle of an event the guard makes up itself: there is nothing left to cancel. */
final class NoopParsingHandle implements ServerSentEventParsingHandle {

    @Override
    public void cancel() {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
