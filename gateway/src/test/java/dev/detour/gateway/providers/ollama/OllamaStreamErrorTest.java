package dev.detour.gateway.providers.ollama;

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

/** Ollama's {@code {"error":"..."}} line in an NDJSON stream. */
class OllamaStreamErrorTest {

    private final OllamaWireProtocol wire = new OllamaWireProtocol();
    private final FailureClassifier classifier = new FailureClassifier(ProviderKind.OLLAMA, new OllamaErrorDialect(),
            new SecretRedactor(null, List.of()), Clock.systemUTC());

    @Test
    void recognisesTheErrorLineAndOnlyIt() {
        assertThat(wire.reportsError(new ServerSentEvent(null, "{\"error\":\"server busy, please try again.\"}"))).isTrue();

        assertThat(wire.reportsError(new ServerSentEvent(null, "{\"model\":\"llama\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"error\"},\"done\":false}"))).isFalse();
        assertThat(wire.reportsError(new ServerSentEvent(null, "{\"model\":\"llama\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"{\\\"error\\\":\\\"x\\\"}\"},\"done\":false}"))).isFalse();
    }

    @Test
    void anErrorLineIsTheServerFailingMidAnswer() {
        ProviderException e = classifier.classify(new UpstreamStreamErrorException(
                "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"));

        assertThat(e.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(e.getMessage()).isEqualTo("server busy, please try again.  maximum pending requests exceeded");
    }
}
