package dev.detour.gateway.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.detour.gateway.contract.FamilyRoutes.VIA_ANTHROPIC;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_GEMINI;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK, changed only in its base URL, works against the gateway whatever family answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderSim sim;
    private SimGateway gateway;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = FamilyRoutes.start(sim);
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.openAiBaseUrl()).apiKey("sk-any").build();
    }

    @AfterEach
    void resetSim() {
        sim.reset();
    }

    @AfterAll
    void stop() {
        client.close();
        gateway.close();
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void chatGetsTheAnswer(String route) {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(route).addUserMessage("hello there").build());

        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.message().content()).hasValue("Echo: hello there");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void streamDeltasAddUpToTheAnswerAndEndWithStop(String route) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(route)
                .addUserMessage("hello there")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        StringBuilder text = new StringBuilder();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionChunk.Choice.FinishReason finishReason = null;
        int chunks = 0;

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks++;
                accumulator.accumulate(chunk);
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    choice.delta().content().ifPresent(text::append);
                    if (choice.finishReason().isPresent()) {
                        finishReason = choice.finishReason().get();
                    }
                }
            }
        }

        assertThat(chunks).isGreaterThan(3);
        assertThat(text.toString()).isEqualTo("Echo: hello there");
        assertThat(finishReason).isEqualTo(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletion accumulated = accumulator.chatCompletion();
        assertThat(accumulated.choices().getFirst().message().content()).hasValue("Echo: hello there");
        assertThat(accumulated.usage()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void theModelCallsTheToolAndThenAnswersFromItsResult(String route) throws Exception {
        ChatCompletionCreateParams question = ChatCompletionCreateParams.builder().model(route)
                .addUserMessage("What is the weather in Paris?").addTool(weatherTool()).build();

        ChatCompletion first = client.chat().completions().create(question);

        ChatCompletion.Choice choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessage assistant = choice.message();
        ChatCompletionMessageFunctionToolCall call = assistant.toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.function().arguments()).has("city")).isTrue();

        ChatCompletion second = client.chat().completions().create(question.toBuilder()
                .addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("sunny, 21 C").build())
                .build());

        assertThat(second.choices().getFirst().message().content()).hasValue("Tool result: sunny, 21 C");
        assertThat(second.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void aStreamBrokenMidwayRaisesAnErrorInsteadOfEndingQuietly() {
        sim.fault(FamilyRoutes.ANTHROPIC_MODEL, Fault.errorAfterChunks(2, 500));
        StringBuilder text = new StringBuilder();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(VIA_ANTHROPIC)
                .addUserMessage("hello there").build();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> chunk.choices()
                        .forEach(choice -> choice.delta().content().ifPresent(text::append)));
            }
        }).isInstanceOf(SseException.class).hasMessageContaining("stream");
        assertThat(text.toString()).isNotEmpty().isNotEqualTo("Echo: hello there");
    }

    @Test
    void embeddingsWithTheSdksDefaultBase64EncodingDecodeToTheSameVectors() {
        List<String> input = List.of("hello there", "general kenobi");
        CreateEmbeddingResponse base64 = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(FamilyRoutes.EMBED_VIA_OPENAI).inputOfArrayOfStrings(input).build());
        CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(FamilyRoutes.EMBED_VIA_OPENAI).inputOfArrayOfStrings(input)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(base64.data()).hasSize(2);
        assertThat(base64.data().get(1).embedding()).isNotEmpty().isEqualTo(floats.data().get(1).embedding());
    }

    @Test
    void embeddingsAskedForAsFloatsComeBackAsVectors() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(FamilyRoutes.EMBED_VIA_OPENAI).inputOfArrayOfStrings(List.of("hello there", "general kenobi"))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(1).index()).isEqualTo(1);
        assertThat(response.data().getFirst().embedding()).isNotEmpty();
    }

    @Test
    void theModelListNamesTheRoutes() {
        assertThat(client.models().list().items()).extracting(Model::id)
                .contains(VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI);
    }

    @Test
    void anUnknownModelRaisesTheSdksNotFoundException() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-route").addUserMessage("hello there").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).hasValue("model_not_found");
                });
    }

    @Test
    void anInvalidRequestRaisesTheSdksBadRequestException() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(VIA_OPENAI).addUserMessage("hello there").temperature(7.0).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValue("temperature");
                });
        assertThat(sim.attemptCount(FamilyRoutes.OPENAI_MODEL)).isZero();
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").description("The current weather in a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build()).build();
    }
}
