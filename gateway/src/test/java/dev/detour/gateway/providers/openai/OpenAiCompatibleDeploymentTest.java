package dev.detour.gateway.providers.openai;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCompatibleDeploymentTest {

    private ScriptedUpstream upstream;
    private ProviderAdapters adapters;

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
        adapters = new ProviderAdapters();
    }

    @AfterEach
    void stop() throws Exception {
        adapters.close();
        upstream.close();
    }

    @Test
    void usesTheConfiguredBaseUrlPathAsIs() {
        // e.g. DashScope's https://dashscope.aliyuncs.com/compatible-mode/v1
        var provider = TestProviders.provider(ProviderKind.OPENAI_COMPATIBLE,
                upstream.baseUrl() + "/compatible-mode/v1/", "qwen-test");
        var deployment = adapters.chat(provider, provider.model("qwen-test"));
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"id":"x","object":"chat.completion","created":1,"model":"qwen-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"""));

        var response = deployment.complete(Requests.hello(null));

        assertThat(response.choices().get(0).message().text()).isEqualTo("ok");
        assertThat(response.usage()).isNull();
        assertThat(upstream.requests().get(0)).startsWith("POST /compatible-mode/v1/chat/completions");
        assertThat(deployment.id().toString()).isEqualTo("openai-compatible-test/qwen-test");
    }

    @Test
    void theFirstDeltaArrivesWhileTheUpstreamIsStillStreaming() throws Exception {
        var provider = TestProviders.provider(ProviderKind.OPENAI_COMPATIBLE, upstream.baseUrl() + "/v1", "m");
        var deployment = adapters.chat(provider, provider.model("m"));
        upstream.enqueue(upstream.holdOpenUntilClientCloses("text/event-stream", List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{\"content\":\"first\"},\"finish_reason\":null}]}\n\n")));
        RecordingListener listener = new RecordingListener();

        var handle = deployment.stream(Requests.hello(null), listener);

        assertThat(listener.firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.text()).isEqualTo("first");
        handle.cancel();
        assertThat(upstream.awaitClientClose(5_000)).isTrue();
    }

    @Test
    void embedsAndRefusesEmbeddingOptionsItCannotHonour() {
        var provider = TestProviders.provider(ProviderKind.OPENAI, upstream.baseUrl() + "/v1", "emb-test");
        var embeddings = adapters.embedding(provider, provider.model("emb-test")).orElseThrow();
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.25]}],
                 "model":"emb-test","usage":{"prompt_tokens":3,"total_tokens":3}}"""));

        var response = embeddings.embed(new EmbeddingRequest("r", List.of("hello"), null, null, null, Map.of()));

        assertThat(response.data().get(0).vector()).containsExactly(0.5f, 0.25f);
        assertThat(response.usage().promptTokens()).isEqualTo(3);
        assertThat(upstream.requests().get(0)).startsWith("POST /v1/embeddings");
        assertThatThrownBy(() -> embeddings.embed(new EmbeddingRequest("r", List.of("x"), null, 256, null, Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
                    assertThat(e.param()).isEqualTo("dimensions");
                });
    }

    @Test
    void anthropicHasNoEmbeddings() {
        var provider = TestProviders.provider(ProviderKind.ANTHROPIC, upstream.baseUrl(), "claude");
        assertThat(adapters.embedding(provider, provider.model("claude"))).isEmpty();
    }
}
