package dev.detour.gateway.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.detour.gateway.contract.FamilyRoutes.VIA_ANTHROPIC;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_GEMINI;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LangChain4j's own OpenAI chat models, given only the gateway's base URL, work whatever family answers upstream. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LangChain4jClientContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_weather").description("The current weather in a city")
            .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
            .build();

    private ProviderSim sim;
    private SimGateway gateway;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = FamilyRoutes.start(sim);
    }

    @AfterEach
    void resetSim() {
        sim.reset();
    }

    @AfterAll
    void stop() {
        gateway.close();
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void chatGetsTheAnswer(String route) {
        ChatResponse response = chatModel(route).chat(ChatRequest.builder()
                .messages(UserMessage.from("hello there")).build());

        assertThat(response.aiMessage().text()).isEqualTo("Echo: hello there");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().totalTokenCount()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void streamPartsAddUpToTheAnswer(String route) throws Exception {
        StringBuilder parts = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        streamingModel(route).chat(ChatRequest.builder().messages(UserMessage.from("hello there")).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        parts.append(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });

        ChatResponse response = done.get(20, TimeUnit.SECONDS);
        assertThat(parts.toString()).isEqualTo("Echo: hello there");
        assertThat(response.aiMessage().text()).isEqualTo("Echo: hello there");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void theModelCallsTheToolAndThenAnswersFromItsResult(String route) throws Exception {
        OpenAiChatModel model = chatModel(route);
        UserMessage question = UserMessage.from("What is the weather in Paris?");

        ChatResponse first = model.chat(ChatRequest.builder().messages(question).toolSpecifications(WEATHER).build());

        AiMessage assistant = first.aiMessage();
        assertThat(assistant.hasToolExecutionRequests()).isTrue();
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        ToolExecutionRequest call = assistant.toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.arguments()).has("city")).isTrue();

        ChatResponse second = model.chat(ChatRequest.builder()
                .messages(question, assistant, ToolExecutionResultMessage.from(call, "sunny, 21 C"))
                .toolSpecifications(WEATHER).build());

        assertThat(second.aiMessage().text()).isEqualTo("Tool result: sunny, 21 C");
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void aStreamedToolCallArrivesWhole(String route) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        streamingModel(route).chat(ChatRequest.builder().messages(UserMessage.from("What is the weather in Paris?"))
                .toolSpecifications(WEATHER).build(), new StreamingChatResponseHandler() {
                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });

        ChatResponse response = done.get(20, TimeUnit.SECONDS);
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.arguments()).has("city")).isTrue();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    /**
     * LangChain4j's OpenAI streaming model ignores an in-stream error event, so the gateway also drops the connection
     * without the closing chunk after it: the client must report an error, never a (partial) complete answer.
     */
    @Test
    void aStreamBrokenMidwayIsReportedAsAnError() throws Exception {
        sim.fault(FamilyRoutes.ANTHROPIC_MODEL, Fault.errorAfterChunks(2, 500));
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        streamingModel(VIA_ANTHROPIC).chat(ChatRequest.builder().messages(UserMessage.from("hello there")).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });

        assertThatThrownBy(() -> done.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    private OpenAiChatModel chatModel(String route) {
        return OpenAiChatModel.builder().baseUrl(gateway.openAiBaseUrl()).apiKey("sk-any").modelName(route).build();
    }

    private OpenAiStreamingChatModel streamingModel(String route) {
        return OpenAiStreamingChatModel.builder().baseUrl(gateway.openAiBaseUrl()).apiKey("sk-any").modelName(route)
                .build();
    }
}
