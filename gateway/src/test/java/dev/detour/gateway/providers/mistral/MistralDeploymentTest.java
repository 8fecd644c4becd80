package dev.detour.gateway.providers.mistral;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.providers.testing.ScriptedUpstream;
import dev.detour.gateway.providers.testing.TestProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MistralDeploymentTest {

    private static final String SSE = "text/event-stream";

    private ScriptedUpstream upstream;
    private ProviderAdapters adapters;
    private ChatDeployment deployment;

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
        adapters = new ProviderAdapters();
        var provider = TestProviders.provider(ProviderKind.MISTRAL, upstream.baseUrl(), "mistral-test");
        deployment = adapters.chat(provider, provider.model("mistral-test"));
    }

    @AfterEach
    void stop() throws Exception {
        adapters.close();
        upstream.close();
    }

    private static String chunk(String deltaJson, String finishReason) {
        return "data: {\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mistral-test\","
                + "\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]"
                + (finishReason == null ? "" : ",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}")
                + "}\n\n";
    }

    @Test
    void completesAndSendsPenaltiesToTheV1Path() {
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"id":"m1","object":"chat.completion","created":1,"model":"mistral-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Echo: hello there"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}"""));

        var response = deployment.complete(Requests.hello("\"frequency_penalty\":0.2,\"response_format\":{\"type\":\"json_object\"}"));

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo: hello there");
        assertThat(upstream.requests().get(0)).startsWith("POST /v1/chat/completions")
                .contains("\"frequency_penalty\":0.2").contains("json_object");
    }

    @Test
    void aStreamWithFinishReasonButNoDoneCompletes() throws Exception {
        // LangChain4j's Mistral adapter completes only on [DONE]: without the made-up terminator this would hang.
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(chunk("{\"role\":\"assistant\",\"content\":\"Echo:\"}", null),
                chunk("{\"content\":\" hi\"}", "stop"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Echo: hi");
        assertThat(listener.finishReason).isEqualTo("stop");
        assertThat(listener.usage.totalTokens()).isEqualTo(7);
    }

    @Test
    void aCutStreamEndsInErrorInsteadOfHanging() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(chunk("{\"content\":\"Echo:\"}", null))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
    }

    @Test
    void streamsCompleteToolCalls() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"abc123xyz\",\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}]}", "tool_calls"),
                "data: [DONE]\n\n")));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello("\"tools\":[" + Requests.WEATHER_TOOL + "]"), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.finishReason).isEqualTo("tool_calls");
        var call = listener.toolCallFragments().get(0);
        assertThat(call.id()).isEqualTo("abc123xyz");
        assertThat(call.function().name()).isEqualTo("get_weather");
    }

    @Test
    void contextTooLongIsRecognised() {
        upstream.enqueue(ScriptedUpstream.json(400, "{\"object\":\"error\",\"message\":\"Prompt contains 40000 tokens and 0 draft tokens, "
                + "too large for model with 32768 maximum context length\",\"type\":\"invalid_request_message_order\",\"param\":null,\"code\":\"3051\"}"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG));
    }

    @Test
    void seedUserAndNamedToolChoiceAreRefused() {
        for (String[] c : new String[][]{{"\"seed\":3", "seed"}, {"\"user\":\"u\"", "user"},
                {"\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", "tool_choice"}}) {
            assertThatThrownBy(() -> deployment.complete(Requests.hello(c[0])))
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.getMessage()).startsWith("mistral does not support '" + c[1] + "'"));
        }
    }
}
