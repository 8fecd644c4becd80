package dev.detour.gateway.providers.mistral;

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

/** Mistral's in-stream error frame, which LangChain4j's Mistral adapter fails to parse as a chunk. */
class MistralStreamErrorTest {

    private final MistralFamily family = new MistralFamily();
    private final FailureClassifier classifier = new FailureClassifier(ProviderKind.MISTRAL, family.errors(),
            new SecretRedactor("sk-mistral-secret", List.of()), Clock.systemUTC());

    private ProviderException classify(String data) {
        return classifier.classify(new UpstreamStreamErrorException(data));
    }

    @Test
    void recognisesBothOfMistralsErrorShapes() {
        assertThat(family.wire().reportsError(new ServerSentEvent(null,
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}"))).isTrue();
        assertThat(family.wire().reportsError(new ServerSentEvent(null,
                "{\"object\":\"error\",\"message\":\"Service tier capacity exceeded\",\"type\":\"service_tier_capacity_exceeded\","
                        + "\"param\":null,\"code\":\"3505\"}"))).isTrue();

        assertThat(family.wire().reportsError(new ServerSentEvent(null,
                "{\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"error\"},\"finish_reason\":null}]}"))).isFalse();
        assertThat(family.wire().reportsError(new ServerSentEvent(null, "[DONE]"))).isFalse();
    }

    @Test
    void classifiesLikeTheHttpBody() {
        ProviderException overloaded = classify("{\"error\":{\"message\":\"The engine is currently overloaded, please try "
                + "again later.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
        assertThat(overloaded.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(overloaded.getMessage()).isEqualTo("The engine is currently overloaded, please try again later.");

        assertThat(classify("{\"object\":\"error\",\"message\":\"Requests rate limit exceeded\",\"type\":\"rate_limited\","
                + "\"code\":\"1300\"}").failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(classify("{\"object\":\"error\",\"message\":\"Prompt contains 40000 tokens, too large for model with "
                + "32768 maximum context length\",\"type\":\"invalid_request_error\"}").failureClass())
                .isEqualTo(FailureClass.CONTEXT_TOO_LONG);
    }
}
