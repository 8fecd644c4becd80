package dev.detour.gateway.cache;

import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ToolCall;
import dev.detour.gateway.wire.Usage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayableAnswerTest {

    private final JsonCodec json = new JsonCodec();

    private ChatCompletionResponse answer(ChatMessage message, String finish, String fingerprint) {
        return new ChatCompletionResponse("chatcmpl-original", ChatCompletionResponse.OBJECT, 1_700_000_000L,
                "gpt-4o-mini", List.of(new ChatCompletionResponse.Choice(0, message, finish)),
                new Usage(12, 34, 46, null), fingerprint);
    }

    /** The ready bytes must be exactly what serialising the stored answer under the new identity gives. */
    private void assertReplaysAsSerialisingWould(ChatCompletionResponse stored) throws Exception {
        ReplayableAnswer ready = ReplayableAnswer.of(json.write(stored), json);
        assertThat(ready.tail()).as("the expected layout was recognised").isNotNull();

        byte[] replayed = ready.json("chatcmpl-8f3a9c0d1e2b4a5f", 1_765_000_123L, json);

        byte[] serialised = json.write(stored.withIdentity("chatcmpl-8f3a9c0d1e2b4a5f", 1_765_000_123L,
                stored.model()));
        assertThat(new String(replayed, StandardCharsets.UTF_8))
                .isEqualTo(new String(serialised, StandardCharsets.UTF_8));
    }

    @Test
    void aTextAnswerReplaysAsTheStoredAnswerUnderANewIdAndTime() throws Exception {
        assertReplaysAsSerialisingWould(answer(ChatMessage.assistant("Paris. \"Quoted\", ünïcödé, \\ and\nnewline.",
                null), "stop", null));
    }

    @Test
    void toolCallsFingerprintAndNullContentReplayUnchanged() throws Exception {
        assertReplaysAsSerialisingWould(answer(ChatMessage.assistant(null,
                List.of(ToolCall.of("call_1", "get_weather", "{\"city\":\"Paris\"}"))), "tool_calls", "fp_123"));
    }

    @Test
    void eachReplayGetsItsOwnIdAndTimeFromTheSameReadyCopy() throws Exception {
        ReplayableAnswer ready = ReplayableAnswer.of(json.write(answer(ChatMessage.assistant("Paris.", null),
                "stop", null)), json);

        var first = json.mapper().readTree(ready.json("chatcmpl-a1", 100, json));
        var second = json.mapper().readTree(ready.json("chatcmpl-b2", 200, json));

        assertThat(first.get("id").asText()).isEqualTo("chatcmpl-a1");
        assertThat(first.get("created").asLong()).isEqualTo(100);
        assertThat(second.get("id").asText()).isEqualTo("chatcmpl-b2");
        assertThat(second.get("created").asLong()).isEqualTo(200);
        assertThat(second.get("choices")).isEqualTo(first.get("choices"));
        assertThat(second.get("usage").get("total_tokens").asInt()).isEqualTo(46);
    }
}
