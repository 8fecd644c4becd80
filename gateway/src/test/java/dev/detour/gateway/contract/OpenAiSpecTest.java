package dev.detour.gateway.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema validator itself: it accepts OpenAI's own examples and rejects broken documents, so no contract test passes vacuously. */
class OpenAiSpecTest {

    private static final String VALID_COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hi","refusal":null},
                         "finish_reason":"stop","logprobs":null}],
             "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

    private final OpenAiSpec spec = OpenAiSpec.load();

    @Test
    void acceptsOpenAisOwnChatCompletionExample() {
        spec.assertConforms("CreateChatCompletionResponse", spec.example("CreateChatCompletionResponse"));
    }

    @Test
    void acceptsEveryChunkOfOpenAisOwnStreamExample() {
        List<String> chunks = spec.example("CreateChatCompletionStreamResponse").lines()
                .filter(line -> line.startsWith("{")).toList();

        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        chunks.forEach(chunk -> spec.assertConforms("CreateChatCompletionStreamResponse", chunk));
    }

    @Test
    void acceptsAValidCompletionThatTheBrokenOnesBelowDifferFrom() {
        assertThat(spec.violations("CreateChatCompletionResponse", VALID_COMPLETION)).isEmpty();
    }

    @Test
    void rejectsACompletionWithoutChoices() {
        String broken = VALID_COMPLETION.replaceFirst("\"choices\"", "\"choicez\"");

        assertThat(spec.violations("CreateChatCompletionResponse", broken)).anyMatch(v -> v.contains("choices"));
        assertThatThrownBy(() -> spec.assertConforms("CreateChatCompletionResponse", broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("choices");
    }

    @Test
    void rejectsAFinishReasonOpenAiDoesNotDefine() {
        String broken = VALID_COMPLETION.replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"end_turn\"");

        assertThat(spec.violations("CreateChatCompletionResponse", broken)).anyMatch(v -> v.contains("finish_reason"));
    }

    @Test
    void rejectsAnAssistantMessageWithoutTheRefusalKey() {
        String broken = VALID_COMPLETION.replace(",\"refusal\":null", "");

        assertThat(spec.violations("CreateChatCompletionResponse", broken)).anyMatch(v -> v.contains("refusal"));
    }

    @Test
    void rejectsAToolCallWithoutArguments() {
        String broken = VALID_COMPLETION.replace("\"refusal\":null", """
                "refusal":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f"}}]""");

        assertThat(spec.violations("CreateChatCompletionResponse", broken)).isNotEmpty();
    }

    @Test
    void rejectsAChunkThatCallsItselfACompletion() {
        String chunk = """
                {"id":"c","object":"chat.completion","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}""";

        assertThat(spec.violations("CreateChatCompletionStreamResponse", chunk)).anyMatch(v -> v.contains("object"));
    }

    @Test
    void rejectsAChunkWhoseTextIsNotAString() {
        String chunk = """
                {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"content":["hi"]},"finish_reason":null}]}""";

        assertThat(spec.violations("CreateChatCompletionStreamResponse", chunk)).isNotEmpty();
    }

    @Test
    void rejectsAnErrorWithoutItsRequiredKeys() {
        assertThat(spec.violations("ErrorResponse", "{\"error\":{\"message\":\"x\",\"type\":\"y\"}}"))
                .anyMatch(v -> v.contains("param")).anyMatch(v -> v.contains("code"));
        assertThat(spec.violations("ErrorResponse", "{\"message\":\"x\"}")).anyMatch(v -> v.contains("error"));
    }

    @Test
    void rejectsAModelWithoutAnOwner() {
        assertThat(spec.violations("ListModelsResponse", """
                {"object":"list","data":[{"id":"m","object":"model","created":1}]}"""))
                .anyMatch(v -> v.contains("owned_by"));
    }

    @Test
    void rejectsAnEmbeddingThatIsNotAListOfNumbers() {
        assertThat(spec.violations("CreateEmbeddingResponse", """
                {"object":"list","model":"e","data":[{"object":"embedding","index":0,"embedding":["0.1"]}],
                 "usage":{"prompt_tokens":1,"total_tokens":1}}""")).isNotEmpty();
    }

    @Test
    void refusesToValidateAgainstASchemaTheSpecDoesNotHave() {
        assertThatThrownBy(() -> spec.violations("CreateChatCompletionResponze", VALID_COMPLETION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CreateChatCompletionResponze");
    }

    @Test
    void aMissingSpecFailsWithAMessageSayingWhereItWasLookedFor(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> OpenAiSpec.locate(elsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("../shared/data/openai/openapi.yaml")
                .hasMessageContaining(elsewhere.toString());
    }
}
