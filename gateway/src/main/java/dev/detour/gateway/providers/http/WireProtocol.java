package dev.detour.gateway.providers.http;

import dev.langchain4j.http.client.sse.ServerSentEvent;

/**
 * What the HTTP layer must know of a family's wire format to guard LangChain4j: which event says the answer is
 * finished, which event terminates the stream, which event is the provider's own error report, and how the
 * provider says it refused content in a 2xx body.
 */
public interface WireProtocol {

    /** Whether this event carries the provider's finish marker. */
    boolean finishes(ServerSentEvent event);

    /** Whether this event is the stream's terminator ([DONE], message_stop...). */
    boolean terminates(ServerSentEvent event);

    /**
     * The terminator to hand LangChain4j when the provider sent a finish marker but closed without its terminator,
     * for adapters that only complete on the terminator; null when LangChain4j completes on close anyway.
     */
    ServerSentEvent syntheticTerminator();

    /**
     * Whether this event is the provider's in-stream error report (sent after a 2xx, in place of the rest of the
     * answer). Its data is then read by the family's error dialect, like an HTTP error body.
     */
    boolean reportsError(ServerSentEvent event);

    /** The provider's reason when this 2xx body (or event data) says it refused the content; null otherwise. */
    String refusalIn(String json);
}
