package dev.detour.gateway.providers.sim;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.wire.Usage;
import dev.detour.sim.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults that strike after a 200: a stream cut, a malformed chunk, an in-stream error event, a missing terminator,
 * and the same faults on a blocking call's body. A stream ends exactly once, and never in onComplete unless the
 * provider said it had finished. The sim sends "Echo: hello there" as the chunks "Echo:", " hello", " there".
 */
class SimStreamFaultTest extends SimSuite {

    private static final String ANSWER = "Echo: hello there";

    /** Lets any late second ending arrive before the test counts endings. */
    private static void settle() throws InterruptedException {
        Thread.sleep(30);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void aStreamCutAfterChunksEndsInOnErrorTransportNeverInOnComplete(SimFamily family) throws Exception {
        fault(family, Fault.cutAfterChunks(2));

        RecordingListener listener = stream(family, Requests.hello(null));
        settle();

        assertThat(listener.finishReason).isNull();
        assertThat(listener.endings.get()).isEqualTo(1);
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
        assertThat(listener.failure.upstreamStatus()).isZero();
        // A reset may discard bytes the client had not read yet: the text is what came, at most the two chunks.
        assertThat("Echo: hello").startsWith(listener.text());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void aMalformedChunkEndsInOnErrorBadResponse(SimFamily family) throws Exception {
        fault(family, Fault.malformedChunkAfter(1));

        RecordingListener listener = stream(family, Requests.hello(null));
        settle();

        assertThat(listener.finishReason).isNull();
        assertThat(listener.endings.get()).isEqualTo(1);
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(listener.text()).isEqualTo("Echo:");
    }

    /**
     * Without the terminator the answer is still whole when the provider sent its finish reason before it: OpenAI
     * (finish_reason, then no [DONE]), Mistral (same), Anthropic (message_delta stop_reason, then no message_stop).
     * Gemini's and Ollama's finish reason rides on the very frame the fault drops (the final frame, the done line),
     * so their answers may be cut: onError TRANSPORT.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void aMissingTerminatorCompletesOnlyWhenAFinishReasonCame(SimFamily family) throws Exception {
        fault(family, Fault.noDone());

        RecordingListener listener = stream(family, Requests.hello(null));
        settle();

        assertThat(listener.endings.get()).isEqualTo(1);
        assertThat(listener.text()).isEqualTo(ANSWER);
        switch (family) {
            case OPENAI, OPENAI_COMPATIBLE, MISTRAL, ANTHROPIC -> {
                assertThat(listener.failure).isNull();
                assertThat(listener.finishReason).isEqualTo("stop");
                assertThat(listener.usage).isEqualTo(new Usage(2, 3, 5));
            }
            case GEMINI, OLLAMA -> {
                assertThat(listener.finishReason).isNull();
                assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void anInStreamErrorEventEndsInOnErrorNeverInOnComplete(SimFamily family) throws Exception {
        fault(family, Fault.errorAfterChunks(1, 503));

        RecordingListener listener = stream(family, Requests.hello(null));
        settle();

        assertThat(listener.finishReason).isNull();
        assertThat(listener.endings.get()).isEqualTo(1);
        assertThat(listener.failure).isNotNull();
        assertThat(listener.failure.failureClass().triesAnotherProvider()).isTrue();
        assertThat(listener.text()).isEqualTo("Echo:");
    }

    /**
     * Every family's in-stream error event is read as the provider's error: Anthropic's {@code event: error},
     * Ollama's {@code {"error":...}} line, and the {@code data: {"error":{...}}} frame of the OpenAI wire (OpenAI,
     * compatible servers, Mistral) and of Gemini, which LangChain4j ignores or cannot parse as a chunk.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void anInStreamErrorFrameKeepsTheProvidersClassAndMessage(SimFamily family) throws Exception {
        fault(family, Fault.errorAfterChunks(1, 503));

        RecordingListener listener = stream(family, Requests.hello(null));
        settle();

        assertThat(listener.endings.get()).isEqualTo(1);
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(listener.failure.getMessage()).isEqualTo(inStreamErrorMessage(family));
        assertThat(listener.text()).isEqualTo("Echo:");
    }

    /** Ollama's error line carries no status: it is always the server failing mid-answer. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SimFamily.class, names = "OLLAMA", mode = EnumSource.Mode.EXCLUDE)
    void anInStreamRateLimitStaysRateLimited(SimFamily family) throws Exception {
        fault(family, Fault.errorAfterChunks(1, 429));

        RecordingListener listener = stream(family, Requests.hello(null));
        settle();

        assertThat(listener.endings.get()).isEqualTo(1);
        assertThat(listener.finishReason).isNull();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(listener.failure.getMessage()).doesNotContain(SimFamily.API_KEY);
    }

    /** The sim's 503 wording per protocol. */
    private static String inStreamErrorMessage(SimFamily family) {
        return switch (family) {
            case OPENAI, OPENAI_COMPATIBLE, MISTRAL -> "The engine is currently overloaded, please try again later.";
            case ANTHROPIC -> "Internal server error";
            case GEMINI -> "The model is overloaded. Please try again later.";
            case OLLAMA -> "server busy, please try again.  maximum pending requests exceeded";
        };
    }

    /** The sim sends half the body under the full Content-Length, then resets the connection. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void aBlockingAnswerCutMidBodyIsTransport(SimFamily family) {
        fault(family, Fault.cutAfterChunks(1));

        ProviderException failure = completeFails(family, Requests.hello(null));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
    }

    /** The sim sends half the body as a complete 200: not JSON. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void aBlockingAnswerWithAMalformedBodyIsBadResponse(SimFamily family) {
        fault(family, Fault.malformedChunkAfter(1));

        ProviderException failure = completeFails(family, Requests.hello(null));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(failure.upstreamStatus()).isZero();
    }
}
