package dev.detour.gateway.providers.openai;

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

/** OpenAI's (and compatible servers') in-stream error frame: recognised by the wire, classified by the dialect. */
class OpenAiStreamErrorTest {

    private static final String KEY = "sk-live-abcdef123456";
    private final OpenAiWireProtocol wire = new OpenAiWireProtocol(false);
    private final FailureClassifier classifier = new FailureClassifier(ProviderKind.OPENAI_COMPATIBLE,
            new OpenAiErrorDialect(), new SecretRedactor(KEY, List.of()), Clock.systemUTC());

    private static ServerSentEvent data(String data) {
        return new ServerSentEvent(null, data);
    }

    private ProviderException classify(String data) {
        return classifier.classify(new RuntimeException(new UpstreamStreamErrorException(data)));
    }

    @Test
    void recognisesTheErrorFrameAndOnlyIt() {
        assertThat(wire.reportsError(data("{\"error\":{\"message\":\"The engine is currently overloaded\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"))).isTrue();
        // vLLM's flat shape
        assertThat(wire.reportsError(data("{\"object\":\"error\",\"message\":\"boom\",\"type\":\"InternalServerError\","
                + "\"param\":null,\"code\":500}"))).isTrue();

        assertThat(wire.reportsError(data("[DONE]"))).isFalse();
        assertThat(wire.reportsError(data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"{\\\"error\\\":{\\\"message\\\":\\\"x\\\"}}\"},\"finish_reason\":null}]}")))
                .isFalse();
        assertThat(wire.reportsError(data("{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"error\"}}]}"))).isFalse();
        assertThat(wire.reportsError(data("{\"error\":null,\"choices\":[]}"))).isFalse();
    }

    @Test
    void aServerErrorIsOverloadedWithTheProvidersMessage() {
        ProviderException e = classify("{\"error\":{\"message\":\"The engine is currently overloaded, please try again later.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");

        assertThat(e.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(e.getMessage()).isEqualTo("The engine is currently overloaded, please try again later.");
        assertThat(e.code()).isEqualTo("server_error");
    }

    @Test
    void theTypeAndCodeWordsDecideTheClass() {
        assertThat(classify("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(classify("{\"error\":{\"message\":\"slow\",\"type\":\"tokens\",\"code\":null}}")
                .failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(classify("{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}")
                .failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
        assertThat(classify("{\"error\":{\"message\":\"filtered\",\"type\":\"invalid_request_error\",\"code\":\"content_filter\"}}")
                .failureClass()).isEqualTo(FailureClass.CONTENT_POLICY);
        assertThat(classify("{\"error\":{\"message\":\"budget\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")
                .failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
        assertThat(classify("{\"error\":{\"message\":\"something odd\",\"type\":\"weird\"}}")
                .failureClass()).isEqualTo(FailureClass.OVERLOADED);
        // a compatible server's numeric code is its status
        assertThat(classify("{\"object\":\"error\",\"message\":\"queue full\",\"type\":\"TooManyRequests\",\"code\":429}")
                .failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
    }

    @Test
    void secretsStayOutAndAWordlessFrameStillSaysWhatHappened() {
        ProviderException e = classify("{\"error\":{\"message\":\"bad key " + KEY + "\",\"type\":\"server_error\"}}");
        assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]");

        ProviderException wordless = classify("{\"error\":{}}");
        assertThat(wordless.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(wordless.getMessage()).isEqualTo("openai-compatible reported an error mid-stream");
    }
}
