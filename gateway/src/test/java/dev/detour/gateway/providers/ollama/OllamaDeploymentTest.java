package dev.detour.gateway.providers.ollama;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.EmbeddingDeployment;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.providers.testing.ScriptedUpstream;
import dev.detour.gateway.providers.testing.TestProviders;
import dev.detour.gateway.wire.EmbeddingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OllamaDeploymentTest {

    private static final String NDJSON = "application/x-ndjson";

    private ScriptedUpstream upstream;
    private ProviderAdapters adapters;
    private ChatDeployment deployment;
    private EmbeddingDeployment embeddings;

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
        adapters = new ProviderAdapters();
        var provider = TestProviders.provider(ProviderKind.OLLAMA, upstream.baseUrl(), "llama-test");
        deployment = adapters.chat(provider, provider.model("llama-test"));
        embeddings = adapters.embedding(provider, provider.model("llama-test")).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        adapters.close();
        upstream.close();
    }

    private static String line(String content, boolean done) {
        return "{\"model\":\"llama-test\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + content + "\"},\"done\":" + done
                + (done ? ",\"done_reason\":\"stop\",\"prompt_eval_count\":5,\"eval_count\":3" : "") + "}\n";
    }

    @Test
    void completesWithSeedAndJsonMode() {
        upstream.enqueue(ScriptedUpstream.json(200, line("{\\\"echo\\\": \\\"hello there\\\"}", true)));

        var response = deployment.complete(Requests.hello("\"seed\":42,\"response_format\":{\"type\":\"json_object\"}"));

        assertThat(response.choices().get(0).message().text()).isEqualTo("{\"echo\": \"hello there\"}");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(response.usage().totalTokens()).isEqualTo(8);
        assertThat(upstream.requests().get(0)).startsWith("POST /api/chat").contains("\"seed\":42")
                .contains("\"format\":\"json\"");
    }

    @Test
    void streamsLinesAndCompletesOnDone() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(NDJSON, List.of(line("Echo:", false), line(" hi", false), line("", true))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Echo: hi");
        assertThat(listener.finishReason).isEqualTo("stop");
    }

    @Test
    void aStreamWithoutDoneEndsInErrorInsteadOfHanging() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(NDJSON, List.of(line("Echo:", false))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
    }

    @Test
    void aMalformedLineEndsInBadResponse() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(NDJSON, List.of(line("Echo:", false), "{\"message\":\n", line("", true))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
    }

    @Test
    void anUnknownModelIsAConfigurationProblem() {
        upstream.enqueue(ScriptedUpstream.json(404, "{\"error\":\"model 'llama-test' not found\"}"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
                    assertThat(e.getMessage()).isEqualTo("model 'llama-test' not found");
                });
    }

    @Test
    void toolChoiceRequiredPenaltiesAndImageUrlsAreRefused() {
        for (String[] c : new String[][]{{"\"presence_penalty\":1", "presence_penalty"},
                {"\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":\"required\"", "tool_choice"}}) {
            assertThatThrownBy(() -> deployment.complete(Requests.hello(c[0])))
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.getMessage()).startsWith("ollama does not support '" + c[1] + "'"));
        }
        assertThatThrownBy(() -> deployment.complete(Requests.chat("{\"model\":\"r\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///etc/passwd\"}}]}]}")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureClass()).isEqualTo(FailureClass.BAD_REQUEST));
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void toolChoiceNoneIsHonouredByNotOfferingTools() {
        upstream.enqueue(ScriptedUpstream.json(200, line("Echo: hello there", true)));

        deployment.complete(Requests.hello("\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":\"none\""));

        assertThat(upstream.requests().get(0)).doesNotContain("get_weather");
    }

    @Test
    void embedsThroughApiEmbed() {
        upstream.enqueue(ScriptedUpstream.json(200, "{\"model\":\"llama-test\",\"embeddings\":[[0.1,0.2],[0.3,0.4]]}"));

        var response = embeddings.embed(new EmbeddingRequest("r", List.of("a", "b"), null, null, null, Map.of()));

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(1).vector()).containsExactly(0.3f, 0.4f);
        assertThat(upstream.requests().get(0)).startsWith("POST /api/embed");
    }
}
