package dev.detour.gateway.providers.gemini;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.providers.failure.SecretRedactor;
import dev.detour.gateway.providers.http.UpstreamStreamErrorException;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Gemini's in-stream {@code {"error":{"code","message","status"}}} frame, which LangChain4j ignores. */
class GeminiStreamErrorTest {

    private final GeminiWireProtocol wire = new GeminiWireProtocol();
    private final FailureClassifier classifier = new FailureClassifier(ProviderKind.GEMINI, new GeminiErrorDialect(),
            new SecretRedactor("AIza-secret", List.of()), Clock.systemUTC());

    private ProviderException classify(String data) {
        return classifier.classify(new UpstreamStreamErrorException(data));
    }

    @Test
    void recognisesTheErrorFrameAndOnlyIt() {
        assertThat(wire.reportsError(new ServerSentEvent(null,
                "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"))).isTrue();

        assertThat(wire.reportsError(new ServerSentEvent(null, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
                + "\"{\\\"error\\\":{}}\"}],\"role\":\"model\"},\"index\":0}]}"))).isFalse();
        assertThat(wire.reportsError(new ServerSentEvent(null, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
                + "\"error\"}]},\"finishReason\":\"STOP\"}]}"))).isFalse();
    }

    @Test
    void theCodeOrStatusWordDecidesTheClass() {
        ProviderException unavailable = classify("{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try "
                + "again later.\",\"status\":\"UNAVAILABLE\"}}");
        assertThat(unavailable.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(unavailable.upstreamStatus()).isEqualTo(503);
        assertThat(unavailable.getMessage()).isEqualTo("The model is overloaded. Please try again later.");

        ProviderException exhausted = classify("{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"7s\"}]}}");
        assertThat(exhausted.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(exhausted.retryAfter()).isEqualTo(Duration.ofSeconds(7));

        assertThat(classify("{\"error\":{\"message\":\"deadline\",\"status\":\"DEADLINE_EXCEEDED\"}}").failureClass())
                .isEqualTo(FailureClass.TIMEOUT);
        assertThat(classify("{\"error\":{\"message\":\"something broke\"}}").failureClass())
                .isEqualTo(FailureClass.OVERLOADED);
    }
}
