package dev.detour.gateway.providers.anthropic;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.providers.failure.SecretRedactor;
import dev.detour.gateway.providers.http.UpstreamStreamErrorException;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's {@code event: error}, read by the guard rather than LangChain4j. */
class AnthropicStreamErrorTest {

    private final AnthropicWireProtocol wire = new AnthropicWireProtocol();
    private final FailureClassifier classifier = new FailureClassifier(ProviderKind.ANTHROPIC, new AnthropicErrorDialect(),
            new SecretRedactor("sk-ant-secret", List.of()), Clock.systemUTC());

    private ProviderException classify(String data) {
        return classifier.classify(new UpstreamStreamErrorException(data));
    }

    @Test
    void recognisesTheErrorEventAndOnlyIt() {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        assertThat(wire.reportsError(new ServerSentEvent("error", error))).isTrue();
        assertThat(wire.reportsError(new ServerSentEvent(null, error))).isTrue();

        assertThat(wire.reportsError(new ServerSentEvent("content_block_delta", "{\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"error\"}}"))).isFalse();
        assertThat(wire.reportsError(new ServerSentEvent("ping", "{\"type\":\"ping\"}"))).isFalse();
    }

    @Test
    void theErrorTypeDecidesTheClass() {
        ProviderException overloaded = classify("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(overloaded.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(overloaded.upstreamStatus()).isEqualTo(529);
        assertThat(overloaded.getMessage()).isEqualTo("Overloaded");

        assertThat(classify("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}")
                .failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(classify("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")
                .failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
    }
}
