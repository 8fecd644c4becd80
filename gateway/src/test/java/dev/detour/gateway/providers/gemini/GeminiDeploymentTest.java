package dev.detour.gateway.providers.gemini;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeminiDeploymentTest {

    private static final String SSE = "text/event-stream";
    private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private ScriptedUpstream upstream;
    private ProviderAdapters adapters;
    private ChatDeployment deployment;

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
        adapters = new ProviderAdapters();
        var provider = TestProviders.provider(ProviderKind.GEMINI, upstream.baseUrl(), "gemini-test");
        deployment = adapters.chat(provider, provider.model("gemini-test"));
    }

    @AfterEach
    void stop() throws Exception {
        adapters.close();
        upstream.close();
    }

    private static String chunk(String partsJson, String finishReason) {
        return "data: {\"candidates\":[{\"content\":{\"parts\":" + partsJson + ",\"role\":\"model\"},\"index\":0"
                + (finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"") + "}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":2,\"totalTokenCount\":7},"
                + "\"modelVersion\":\"gemini-test\"}\n\n";
    }

    @Test
    void completesWithAnInlineImageAndMapsFinishAndUsage() {
        upstream.enqueue(ScriptedUpstream.json(200, """
                {"candidates":[{"content":{"parts":[{"text":"Echo: what is this"}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13},"modelVersion":"gemini-test"}"""));

        ChatCompletionResponse response = deployment.complete(Requests.chat("{\"model\":\"r\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"" + PNG + "\"}}]}],\"presence_penalty\":0.1}"));

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo: what is this");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(response.usage().totalTokens()).isEqualTo(13);
        String sent = upstream.requests().get(0);
        assertThat(sent).startsWith("POST /v1beta/models/gemini-test:generateContent");
        assertThat(sent).contains("\"inlineData\"").contains("image/png").contains("\"presencePenalty\":0.1");
    }

    @Test
    void streamsTextAndToolCallsWithGeneratedIds() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(
                chunk("[{\"text\":\"Let me check.\"}]", null),
                chunk("[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]", "STOP"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello("\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":\"required\""), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Let me check.");
        assertThat(listener.finishReason).isEqualTo("tool_calls");
        var call = listener.toolCallFragments().get(0);
        assertThat(call.index()).isZero();
        assertThat(call.id()).startsWith("call_");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("Paris");
        assertThat(upstream.requests().get(0)).startsWith("POST /v1beta/models/gemini-test:streamGenerateContent?alt=sse")
                .contains("\"mode\":\"ANY\"");
    }

    @Test
    void aStreamWithoutFinishReasonEndsInError() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(chunk("[{\"text\":\"Echo:\"}]", null))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.TRANSPORT);
    }

    @Test
    void aMalformedChunkEndsInBadResponseAlthoughLangChain4jWouldSkipIt() throws Exception {
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of(chunk("[{\"text\":\"Echo:\"}]", null),
                "data: {\"candidates\":[{\"content\":\n\n", chunk("[{\"text\":\" done\"}]", "STOP"))));
        RecordingListener listener = new RecordingListener();

        deployment.stream(Requests.hello(null), listener);

        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        Thread.sleep(50);
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @Test
    void resourceExhaustedIsRateLimitedWithTheRetryInfoDelay() {
        upstream.enqueue(ScriptedUpstream.json(429, """
                {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[
                 {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2.5s"}]}}"""));
        upstream.enqueue(ScriptedUpstream.json(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"));
        upstream.enqueue(ScriptedUpstream.json(400, "{\"error\":{\"code\":400,\"message\":\"The input token count (2000000) "
                + "exceeds the maximum number of tokens allowed (1048576).\",\"status\":\"INVALID_ARGUMENT\"}}"));
        upstream.enqueue(ScriptedUpstream.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}"));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2500));
                });
        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.OVERLOADED));
        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG));
        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG));
    }

    @Test
    void aBlockedPromptOrASafetyStopIsContentPolicy() throws Exception {
        upstream.enqueue(ScriptedUpstream.json(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}"));
        upstream.enqueue(ScriptedUpstream.stream(SSE, List.of("data: {\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}\n\n")));

        assertThatThrownBy(() -> deployment.complete(Requests.hello(null))).isInstanceOfSatisfying(
                ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.CONTENT_POLICY);
                    assertThat(e.getMessage()).contains("SAFETY");
                });
        RecordingListener listener = new RecordingListener();
        deployment.stream(Requests.hello(null), listener);
        assertThat(listener.await()).isTrue();
        assertThat(listener.failure.failureClass()).isEqualTo(FailureClass.CONTENT_POLICY);
    }

    @Test
    void fieldsGeminiCannotHonourAreRefusedByName() {
        String[][] cases = {
                {"\"seed\":1", "seed"},
                {"\"user\":\"u\"", "user"},
                {"\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", "tool_choice"},
                {"\"tools\":[" + Requests.WEATHER_TOOL + "],\"parallel_tool_calls\":false", "parallel_tool_calls"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> deployment.complete(Requests.hello(c[0])))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
                        assertThat(e.getMessage()).startsWith("gemini does not support '" + c[1] + "'");
                    });
        }
        assertThatThrownBy(() -> deployment.complete(Requests.chat("{\"model\":\"r\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).startsWith("gemini does not support 'image_url'"));
        assertThat(upstream.requests()).isEmpty();
    }
}
