package dev.detour.gateway.providers.openai;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.providers.testing.ScriptedUpstream;
import dev.detour.gateway.providers.testing.TestProviders;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiDeploymentTest {

    private static final String SSE = "text/event-stream";

    private ScriptedUpstream upstream;
    private ProviderAdapters adapters;
    private ChatDeployment deployment;

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
        adapters = new ProviderAdapters();
        var provider = TestProviders.provider(ProviderKind.OPENAI, upstream.baseUrl() + "/v1", "gpt-test");
        deployment = adapters.chat(provider, provider.model("gpt-test"));
    }

    @AfterEach
    void stop() throws Exception {
        adapters.close();
        upstream.close();
    }

    private static String chunk(String deltaJson, String finishReason) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    private static final String USAGE = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
            + "\"total_tokens\":7}}\n\n";

    @Test
    void completesAPlainAnswerWithUsageAndSendsTheUpstreamModel() {
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Echo: hello there"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}"""));

        ChatCompletionResponse response = deployment.complete(Requests.hello("\"seed\":7,\"user\":\"u1\""));

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo: hello there");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(response.usage().totalTokens()).isEqualTo(9);
        String sent = upstream.requests().get(0);
        assertThat(sent).startsWith("POST /v1/chat/completions");
        assertThat(sent).contains("\"model\":\"gpt-test\"").contains("\"seed\":7").contains("\"user\":\"u1\"");
    }

    @Test
    void streamsTextThenCompletesWithFinishReasonAndUsage() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Echo:\"}", null),
                chunk("{\"content\":\" hello\"}", null),
                chunk("{}", "stop"),
                USAGE,
                "data: [DONE]\n\n")));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Echo: hello");
        assertThat(listener.finishReason).isEqualTo("stop");
        assertThat(listener.usage.totalTokens()).isEqualTo(7);
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @Test
    void streamsToolCallsWithIndexIdAndNameOnTheFirstFragment() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"),
                "data: [DONE]\n\n")));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello("\"tools\":[" + Requests.WEATHER_TOOL + "]"), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.finishReason).isEqualTo("tool_calls");
        List<ToolCall> fragments = listener.toolCallFragments();
        assertThat(fragments.get(0).index()).isZero();
        assertThat(fragments.get(0).id()).isEqualTo("call_1");
        assertThat(fragments.get(0).function().name()).isEqualTo("get_weather");
        assertThat(fragments.subList(1, fragments.size())).allSatisfy(f -> assertThat(f.id()).isNull());
        assertThat(fragments.stream().map(f -> f.function().arguments()).reduce("", String::concat))
                .isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void aStreamCutBeforeTheFinishReasonEndsInErrorNotInACompleteAnswer() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("{\"content\":\"Echo:\"}", null),
                chunk("{\"content\":\" hel\"}", null))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.finishReason).isNull();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @Test
    void aMalformedChunkEndsInBadResponse() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("{\"content\":\"Echo:\"}", null),
                "data: {\"choices\":[{\"delta\":{\"content\": oops\n\n",
                chunk("{}", "stop"),
                "data: [DONE]\n\n")));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        Thread.sleep(50); // nothing may follow the error
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @Test
    void aFinishReasonWithoutDoneCompletesNormally() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("{\"content\":\"Echo: hi\"}", null),
                chunk("{}", "length"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.finishReason).isEqualTo("length");
    }

    @Test
    void rateLimitCarriesRetryAfterInBlockingAndStreamingCalls() throws Exception {
        String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
        upstream.enqueue(ScriptedUpstream.json(429, body, "Retry-After: 2"));
        upstream.enqueue(ScriptedUpstream.json(429, body, "retry-after-ms: 1500"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
                    assertThat(e.upstreamStatus()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(e.getMessage()).isEqualTo("Rate limit reached");
                });
        RecordingListener listener = new RecordingListener();
        deployment.stream(Requests.hello(null), listener);
        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(listener.failure.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void contextLengthAndContentPolicyAreRecognised() {
        upstream.enqueue(ScriptedUpstream.json(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));
        upstream.enqueue(ScriptedUpstream.json(400, "{\"error\":{\"message\":\"Your request was rejected by the safety system.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"content_policy_violation\"}}"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
                    assertThat(e.code()).isEqualTo("context_length_exceeded");
                });
        assertThatThrownBy(() -> deployment.complete(Requests.hello(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.CONTENT_POLICY);
                    assertThat(e.code()).isEqualTo("content_filter");
                });
    }

    @Test
    void theApiKeyNeverAppearsInAFailureEvenWhenTheProviderEchoesIt() {
        upstream.enqueue(ScriptedUpstream.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + TestProviders.API_KEY + ". Bearer " + TestProviders.API_KEY + "\",\"code\":\"invalid_api_key\"}}"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
                    assertThat(e.getMessage()).contains("Incorrect API key").doesNotContain(TestProviders.API_KEY);
                    assertThat(String.valueOf(e.code())).doesNotContain(TestProviders.API_KEY);
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(TestProviders.API_KEY);
                    }
                });
    }

    @Test
    void aResetBeforeHeadersIsTransport() throws Exception {
        upstream.enqueue(ScriptedUpstream.resetBeforeHeaders());
        upstream.enqueue(ScriptedUpstream.resetBeforeHeaders());

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSPORT));
        RecordingListener listener = new RecordingListener();
        deployment.stream(Requests.hello(null), listener);
        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
    }

    @Test
    void cancelStopsCallbacksAndClosesTheUpstreamConnection() throws Exception {
        upstream.enqueue(upstream.holdOpenUntilClientCloses(SSE, List.of(chunk("{\"content\":\"Echo:\"}", null))));
        RecordingListener listener = new RecordingListener();

        StreamHandle handle = deployment.stream(Requests.hello(null), listener);
        assertThat(listener.firstDelta.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        handle.cancel();

        assertThat(upstream.awaitClientClose(5_000)).isTrue();
        assertThat(listener.awaitEnd(100)).isFalse();
        assertThat(listener.endings.get()).isZero();
    }

    @Test
    void anInterruptAbandonsABlockingCallPromptly() throws Exception {
        upstream.enqueue(ScriptedUpstream.hang());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                deployment.complete(Requests.hello(null));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        while (upstream.requests().isEmpty()) {
            Thread.sleep(5);
        }

        caller.interrupt();
        caller.join(2_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TIMEOUT));
    }

    @Test
    void namedToolChoiceAndJsonSchemaGoToOpenAiVerbatim() throws Exception {
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_9",
                 "type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 "finish_reason":"tool_calls"}]}"""));

        ChatCompletionResponse response = deployment.complete(Requests.hello("\"tools\":[" + Requests.WEATHER_TOOL
                + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},"
                + "\"parallel_tool_calls\":false"));

        assertThat(response.choices().get(0).finishReason()).isEqualTo("tool_calls");
        assertThat(response.choices().get(0).message().toolCalls().get(0).id()).isEqualTo("call_9");
        String sent = upstream.requests().get(0);
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.substring(sent.indexOf('\n') + 1));
        assertThat(body.path("tool_choice").path("type").asText()).isEqualTo("function");
        assertThat(body.path("tool_choice").path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(sent).contains("\"parallel_tool_calls\":false")
                .contains("\"required\":[\"city\"]");
    }

    @Test
    void nGreaterThanOneIsRefusedByName() {
        assertThatThrownBy(() -> deployment.complete(Requests.hello("\"n\":2")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("openai does not support 'n'");
                    assertThat(e.param()).isEqualTo("n");
                    assertThat(e.code()).isEqualTo("unsupported_parameter");
                });
        assertThat(upstream.requests()).isEmpty();
    }
}
