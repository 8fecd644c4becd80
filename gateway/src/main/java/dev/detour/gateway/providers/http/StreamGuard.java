package dev.detour.gateway.providers.http;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;

/**
 * Sits between the SSE parser and LangChain4j's listener. LangChain4j's parser swallows exceptions thrown while an
 * event is handled (a malformed chunk would then be skipped and the stream "complete"), some adapters never end
 * when the terminator is missing, some ignore the provider's in-stream error event or misread it, and none can be
 * stopped from outside: this guard fixes all four.
 */
final class StreamGuard implements ServerSentEventListener {

    private final ServerSentEventListener delegate;
    private final WireProtocol protocol;
    private final UpstreamCall call;
    private boolean stopped;
    private boolean terminatorSeen;

    StreamGuard(ServerSentEventListener delegate, WireProtocol protocol, UpstreamCall call) {
        this.delegate = delegate;
        this.protocol = protocol;
        this.call = call;
    }

    @Override
    public void onOpen(SuccessfulHttpResponse response) {
        delegate.onOpen(response);
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        throw new IllegalStateException("parsers call onEvent(event, context)");
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
        if (stopped || call.isCancelled()) {
            stop(context);
            return;
        }
        if (protocol.reportsError(event)) {
            // LangChain4j ignores some of these frames or fails to parse them as chunks: the provider's words
            // (its class, its message) would be lost, so the call fails here with them.
            fail(new UpstreamStreamErrorException(event.data()), context);
            return;
        }
        String refusal = protocol.refusalIn(event.data());
        if (refusal != null) {
            fail(new UpstreamRefusalException(refusal), context);
            return;
        }
        if (protocol.finishes(event)) {
            call.markFinishSeen();
        }
        if (protocol.terminates(event)) {
            terminatorSeen = true;
        }
        try {
            delegate.onEvent(event, context);
        } catch (RuntimeException e) {
            fail(new UpstreamBadEventException(e), context);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (stopped || call.isCancelled()) {
            return;
        }
        stopped = true;
        delegate.onError(error);
    }

    @Override
    public void onClose() {
        // Called by finish(), never by parsers.
    }

    /** After the parser returned: completes the exchange the way LangChain4j expects, then reports the end. */
    void finish() {
        if (stopped || call.isCancelled()) {
            return;
        }
        stopped = true;
        ServerSentEvent terminator = protocol.syntheticTerminator();
        if (call.finishSeen() && !terminatorSeen && terminator != null) {
            try {
                delegate.onEvent(terminator, new ServerSentEventContext(new NoopParsingHandle()));
            } catch (RuntimeException e) {
                call.observer().onStreamFailure(new UpstreamBadEventException(e));
                return;
            }
        }
        delegate.onClose();
        call.observer().onStreamEnd();
    }

    private void fail(RuntimeException failure, ServerSentEventContext context) {
        stopped = true;
        stop(context);
        call.observer().onStreamFailure(failure);
    }

    private static void stop(ServerSentEventContext context) {
        if (context != null && context.parsingHandle() != null) {
            context.parsingHandle().cancel();
        }
    }
}
