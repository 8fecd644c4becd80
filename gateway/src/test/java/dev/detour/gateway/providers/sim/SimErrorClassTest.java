package dev.detour.gateway.providers.sim;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.sim.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure class from the sim's real wire errors (status, headers and body as each provider writes them),
 * through the blocking and the streaming call of every adapter, each costing exactly one upstream attempt.
 */
class SimErrorClassTest extends SimSuite {

    /** One way the upstream fails before answering, and what the adapter must make of it. */
    enum ErrorCase {
        RATE_LIMITED_WITH_RETRY_AFTER(Fault.status(429).retryAfter(Duration.ofSeconds(2)), FailureClass.RATE_LIMITED, 429),
        RATE_LIMITED_WITH_FRACTIONAL_RETRY_AFTER(Fault.status(429).retryAfter(Duration.ofMillis(1500)),
                FailureClass.RATE_LIMITED, 429),
        RATE_LIMITED_WITHOUT_RETRY_AFTER(Fault.status(429), FailureClass.RATE_LIMITED, 429),
        SERVER_ERROR_500(Fault.status(500), FailureClass.OVERLOADED, 500),
        UNAVAILABLE_503(Fault.status(503), FailureClass.OVERLOADED, 503),
        OVERLOADED_529(Fault.status(529), FailureClass.OVERLOADED, 529),
        UNAUTHORIZED_401(Fault.status(401), FailureClass.AUTH_OR_CONFIG, 401),
        FORBIDDEN_403(Fault.status(403), FailureClass.AUTH_OR_CONFIG, 403),
        NOT_FOUND_404(Fault.status(404), FailureClass.AUTH_OR_CONFIG, 404),
        BAD_REQUEST_400(Fault.status(400), FailureClass.BAD_REQUEST, 400),
        CONTEXT_LENGTH_EXCEEDED(Fault.contextLengthExceeded(), FailureClass.CONTEXT_TOO_LONG, 400),
        CONTENT_POLICY(Fault.contentPolicy(), FailureClass.CONTENT_POLICY, 400),
        RESET_BEFORE_HEADERS(Fault.resetBeforeHeaders(), FailureClass.TRANSPORT, 0);

        final Fault fault;
        final FailureClass failureClass;
        final int status;

        ErrorCase(Fault fault, FailureClass failureClass, int status) {
            this.fault = fault;
            this.failureClass = failureClass;
            this.status = status;
        }
    }

    static Stream<Arguments> cases() {
        return Arrays.stream(SimFamily.values())
                .flatMap(family -> Arrays.stream(ErrorCase.values()).map(c -> Arguments.of(family, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aBlockingCallFailsWithTheClassAndDetailsOfTheWireError(SimFamily family, ErrorCase error) {
        fault(family, error.fault);

        ProviderException failure = completeFails(family, Requests.hello(null));

        assertClassified(family, error, failure);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aStreamEndsInOnErrorWithTheSameClassAndDetails(SimFamily family, ErrorCase error) throws Exception {
        fault(family, error.fault);

        RecordingListener listener = stream(family, Requests.hello(null));

        assertThat(listener.finishReason).as("never completes").isNull();
        assertThat(listener.failure).isNotNull();
        assertThat(listener.deltas).isEmpty();
        assertThat(listener.endings.get()).isEqualTo(1);
        assertClassified(family, error, listener.failure);
    }

    private static void assertClassified(SimFamily family, ErrorCase error, ProviderException failure) {
        assertThat(failure.failureClass()).as("failure class").isEqualTo(expectedClass(family, error));
        assertThat(failure.upstreamStatus()).as("upstream status").isEqualTo(expectedStatus(family, error));
        assertThat(failure.retryAfter()).as("retry after").isEqualTo(expectedRetryAfter(family, error));
        assertThat(failure.getMessage()).as("message").isNotBlank().doesNotContain(SimFamily.API_KEY);
        String message = expectedMessage(family, error);
        if (message != null) {
            assertThat(failure.getMessage()).as("the provider's own message").isEqualTo(message);
        }
        switch (error) {
            case CONTEXT_LENGTH_EXCEEDED -> assertThat(failure.code()).isEqualTo("context_length_exceeded");
            case CONTENT_POLICY -> {
                if (family != SimFamily.OLLAMA) {
                    assertThat(failure.code()).isEqualTo("content_filter");
                }
            }
            default -> { }
        }
    }

    /**
     * Ollama has no content filter; the sim makes up a 400 "request blocked by content policy" so the fault stays
     * visible, and the Ollama dialect classifies that by its status: the client's request, passed on as is.
     */
    private static FailureClass expectedClass(SimFamily family, ErrorCase error) {
        if (error == ErrorCase.CONTENT_POLICY && family == SimFamily.OLLAMA) {
            return FailureClass.BAD_REQUEST;
        }
        return error.failureClass;
    }

    /** Anthropic (stop_reason refusal) and Gemini (promptFeedback.blockReason) refuse content inside a 200. */
    private static int expectedStatus(SimFamily family, ErrorCase error) {
        if (error == ErrorCase.CONTENT_POLICY && (family == SimFamily.ANTHROPIC || family == SimFamily.GEMINI)) {
            return 0;
        }
        return error.status;
    }

    /**
     * The most precise hint the protocol sent: OpenAI's shape (also on the sim's Mistral path) adds retry-after-ms,
     * Gemini writes RetryInfo "1.500s"; Anthropic and Ollama send whole seconds in retry-after, rounded up.
     */
    private static Duration expectedRetryAfter(SimFamily family, ErrorCase error) {
        return switch (error) {
            case RATE_LIMITED_WITH_RETRY_AFTER -> Duration.ofSeconds(2);
            case RATE_LIMITED_WITH_FRACTIONAL_RETRY_AFTER -> switch (family) {
                case OPENAI, OPENAI_COMPATIBLE, MISTRAL, GEMINI -> Duration.ofMillis(1500);
                case ANTHROPIC, OLLAMA -> Duration.ofSeconds(2);
            };
            default -> null;
        };
    }

    /** The provider's words as the sim writes them, where the test pins them; null to only require a message. */
    private static String expectedMessage(SimFamily family, ErrorCase error) {
        return switch (error) {
            case BAD_REQUEST_400 -> switch (family) {
                case OPENAI, OPENAI_COMPATIBLE, MISTRAL, ANTHROPIC -> "Invalid request.";
                case GEMINI -> "Request contains an invalid argument.";
                case OLLAMA -> "invalid request";
            };
            case CONTEXT_LENGTH_EXCEEDED -> switch (family) {
                case OPENAI, OPENAI_COMPATIBLE, MISTRAL -> "This model's maximum context length is 8192 tokens. "
                        + "However, your messages resulted in 8193 tokens. Please reduce the length of the messages.";
                case ANTHROPIC -> "prompt is too long: 8193 tokens > 8192 maximum";
                case GEMINI -> "The input token count (8193) exceeds the maximum number of tokens allowed (8192).";
                case OLLAMA -> "the input length exceeds the context length (8193 > 8192 tokens)";
            };
            case CONTENT_POLICY -> switch (family) {
                case OPENAI, OPENAI_COMPATIBLE, MISTRAL -> "Your request was rejected as a result of our safety "
                        + "system. Your prompt may contain text that is not allowed by our safety system.";
                case ANTHROPIC -> "anthropic refused the content: the model declined to answer (stop_reason: refusal)";
                case GEMINI -> "gemini refused the content: the prompt was blocked (blockReason: SAFETY)";
                case OLLAMA -> "request blocked by content policy";
            };
            case NOT_FOUND_404 -> switch (family) {
                case OPENAI, OPENAI_COMPATIBLE, MISTRAL -> "The model `" + family.model
                        + "` does not exist or you do not have access to it.";
                case ANTHROPIC -> "model: " + family.model;
                case GEMINI -> "models/" + family.model + " is not found for API version v1beta, or is not supported "
                        + "for generateContent. Call ListModels to see the list of available models and their "
                        + "supported methods.";
                case OLLAMA -> "model \"" + family.model + "\" not found, try pulling it first";
            };
            default -> null;
        };
    }
}
