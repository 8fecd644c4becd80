package dev.detour.gateway.providers.anthropic;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.providers.testing.ScriptedUpstream;
import dev.detour.gateway.providers.testing.TestProviders;
import dev.detour.gateway.wire.ChatCompletionResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicDeploymentTest {

    private static final String SSE = "text/event-stream";
    private static final String START = event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
    private static final String TEXT_START = event("content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    private static final String BLOCK_STOP = event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    private static final String STOP = event("message_stop", "{\"type\":\"message_stop\"}");

    private ScriptedUpstream upstream;
    private ProviderAdapters adapters;
    private ChatDeployment deployment;

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
        adapters = new ProviderAdapters();
        var provider = TestProviders.provider(ProviderKind.ANTHROPIC, upstream.baseUrl(), "claude-test");
        deployment = adapters.chat(provider, provider.model("claude-test"));
    }

    @AfterEach
    void stop() throws Exception {
        adapters.close();
        upstream.close();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String text(String text) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"" + text + "\"}}");
    }

    private static String messageDelta(String stopReason) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}");
    }

    @Test
    void completesAPlainAnswerSendingSystemUserAndMaxTokens() {
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
                 "content":[{"type":"text","text":"Echo: hello there"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":5,"output_tokens":4}}"""));

        ChatCompletionResponse response = deployment.complete(Requests.chat("""
                {"model":"r","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hello there"}],
                 "user":"u-42","stop":["END"]}"""));

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo: hello there");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(response.usage().promptTokens()).isEqualTo(5);
        String sent = upstream.requests().get(0);
        assertThat(sent).startsWith("POST /v1/messages");
        assertThat(sent).contains("\"system\"").contains("Be brief.").contains("\"max_tokens\":4096")
                .contains("\"user_id\":\"u-42\"").contains("\"stop_sequences\":[\"END\"]");
    }

    @Test
    void streamsTextAndCompletesOnMessageStop() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(START, TEXT_START, text("Echo:"), text(" hello"),
                BLOCK_STOP, messageDelta("end_turn"), STOP)));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Echo: hello");
        assertThat(listener.finishReason).isEqualTo("stop");
        assertThat(listener.usage.completionTokens()).isEqualTo(3);
    }

    @Test
    void aStopReasonWithoutMessageStopStillCompletes() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(START, TEXT_START, text("Echo"), BLOCK_STOP,
                messageDelta("max_tokens"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.finishReason).isEqualTo("length");
    }

    @Test
    void aCutStreamEndsInErrorInsteadOfHanging() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(START, TEXT_START, text("Echo"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
    }

    @Test
    void aMalformedEventEndsInBadResponse() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(START, TEXT_START, text("Echo"),
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"text\":\n\n",
                BLOCK_STOP, messageDelta("end_turn"), STOP)));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
    }

    @Test
    void streamsToolUseAsOpenAiToolCallFragments() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(START,
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}"),
                BLOCK_STOP, messageDelta("tool_use"), STOP)));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello("\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":"
                + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.finishReason).isEqualTo("tool_calls");
        var first = listener.toolCallFragments().get(0);
        assertThat(first.id()).isEqualTo("toolu_1");
        assertThat(first.function().name()).isEqualTo("get_weather");
        List<String> args = new ArrayList<>();
        listener.toolCallFragments().forEach(f -> args.add(f.function().arguments()));
        assertThat(String.join("", args).replace(" ", "")).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(upstream.requests().get(0)).contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"");
    }

    @Test
    void overloadedAndRateLimitAreClassifiedWithRetryAfter() {
        upstream.enqueue(ScriptedUpstream.json(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        upstream.enqueue(ScriptedUpstream.json(429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Slow down\"}}",
                "retry-after: 3"));
        upstream.enqueue(ScriptedUpstream.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 250000 tokens > 200000 maximum\"}}"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.OVERLOADED));
        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                });
        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
                    assertThat(e.code()).isEqualTo("context_length_exceeded");
                });
    }

    @Test
    void anInBandOverloadedErrorEndsTheStream() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(START, TEXT_START, text("Echo"),
                event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @Test
    void aRefusalIsContentPolicy() {
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"id":"msg_2","type":"message","role":"assistant","model":"claude-test","content":[],
                 "stop_reason":"refusal","usage":{"input_tokens":5,"output_tokens":0}}"""));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.CONTENT_POLICY);
                    assertThat(e.code()).isEqualTo("content_filter");
                });
    }

    @Test
    void seedPenaltiesAndJsonObjectAreRefusedByName() {
        for (String[] field : new String[][]{{"\"seed\":1", "seed"}, {"\"presence_penalty\":0.5", "presence_penalty"},
                {"\"frequency_penalty\":0.5", "frequency_penalty"}, {"\"n\":3", "n"},
                {"\"response_format\":{\"type\":\"json_object\"}", "response_format"}}) {
            assertThatThrownBy(() -> deployment.complete(Requests.hello(field[0])))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
                        assertThat(e.getMessage()).startsWith("anthropic does not support '" + field[1] + "'");
                        assertThat(e.param()).isEqualTo(field[1]);
                    });
        }
        assertThat(upstream.requests()).isEmpty();
    }
}
