package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.providers.http.UpstreamCall;
import dev.detour.gateway.providers.http.UpstreamCallObserver;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns LangChain4j's streaming callbacks for one answer into {@link StreamListener} events, and makes sure the
 * stream ends exactly once: in onComplete only when the provider said it had finished, in onError otherwise
 * (cut connection, malformed event, refusal, cancellation by the gateway ends it silently).
 */
final class StreamBridge implements StreamingChatResponseHandler, UpstreamCallObserver, StreamHandle {

    private final ProviderKind kind;
    private final StreamListener listener;
    private final FailureClassifier classifier;
    private final UpstreamCall call;
    private final AtomicBoolean ended = new AtomicBoolean();
    // Callbacks come from one stream thread in order, so these need no synchronisation.
    private final BitSet toolCallsStarted = new BitSet();
    private boolean anyContent;

    StreamBridge(ProviderKind kind, StreamListener listener, FailureClassifier classifier) {
        this.kind = kind;
        this.listener = listener;
        this.classifier = classifier;
        this.call = new UpstreamCall(this);
    }

    UpstreamCall call() {
        return call;
    }

    @Override
    public void onPartialResponse(String text) {
        if (ended.get() || text == null || text.isEmpty()) {
            return;
        }
        anyContent = true;
        deliver(ChatCompletionChunk.Delta.text(text));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial) {
        if (ended.get()) {
            return;
        }
        anyContent = true;
        int index = partial.index();
        ToolCall fragment;
        if (!toolCallsStarted.get(index)) {
            toolCallsStarted.set(index);
            fragment = new ToolCall(index, ToolCallIds.orNew(partial.id()), "function",
                    new ToolCall.FunctionCall(partial.name(), partial.partialArguments()));
        } else {
            fragment = new ToolCall(index, null, null, new ToolCall.FunctionCall(null, partial.partialArguments()));
        }
        deliver(ChatCompletionChunk.Delta.toolCalls(List.of(fragment)));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall complete) {
        if (ended.get() || toolCallsStarted.get(complete.index())) {
            return; // its fragments were already delivered
        }
        anyContent = true;
        toolCallsStarted.set(complete.index());
        ToolExecutionRequest request = complete.toolExecutionRequest();
        ToolCall whole = new ToolCall(complete.index(), ToolCallIds.orNew(request.id()), "function",
                new ToolCall.FunctionCall(request.name(), request.arguments() == null ? "{}" : request.arguments()));
        deliver(ChatCompletionChunk.Delta.toolCalls(List.of(whole)));
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        if (ended.get()) {
            return;
        }
        FinishReason reason = response.finishReason();
        if (!call.finishSeen() || reason == null) {
            // LangChain4j completes some streams on a plain close; without the provider's finish marker the
            // answer may be cut short, and a cut answer must never look complete.
            streamCut();
            return;
        }
        boolean hasToolCalls = !toolCallsStarted.isEmpty()
                || (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests());
        if (reason == FinishReason.CONTENT_FILTER && !anyContent) {
            fail(new ProviderException(FailureClass.CONTENT_POLICY, 0,
                    kind.configName() + " blocked the answer (content filter)", null,
                    FailureClassifier.CONTENT_FILTER, null, null));
            return;
        }
        if (ended.compareAndSet(false, true)) {
            try {
                listener.onComplete(FinishReasons.toOpenAi(reason, hasToolCalls),
                        UsageMapper.toOpenAi(response.tokenUsage()));
            } catch (RuntimeException ignored) {
                // The gateway's listener failed; the stream is over either way.
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!ended.get()) {
            fail(classifier.classify(error));
        }
    }

    @Override
    public void onStreamFailure(RuntimeException failure) {
        if (!ended.get()) {
            fail(classifier.classify(failure));
        }
    }

    @Override
    public void onStreamEnd() {
        if (!ended.get()) {
            streamCut();
        }
    }

    /** Stops callbacks and closes the upstream connection. */
    @Override
    public void cancel() {
        ended.set(true);
        call.cancel();
    }

    /** Ends the stream with a failure raised before it started (e.g. LangChain4j refused the request). */
    void failNow(ProviderException failure) {
        fail(failure);
    }

    private void streamCut() {
        fail(new ProviderException(FailureClass.TRANSPORT, 0,
                kind.configName() + ": the stream ended before the provider finished its answer", null, null, null,
                null));
    }

    private void fail(ProviderException failure) {
        if (ended.compareAndSet(false, true)) {
            call.cancel();
            try {
                listener.onError(failure);
            } catch (RuntimeException ignored) {
                // Nothing more to tell anyone.
            }
        }
    }

    private void deliver(ChatCompletionChunk.Delta delta) {
        try {
            listener.onDelta(delta);
        } catch (RuntimeException e) {
            // The gateway cannot take more (client gone): stop reading upstream.
            cancel();
        }
    }
}
