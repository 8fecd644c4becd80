package dev.detour.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.detour.gateway.contract.FamilyRoutes.EMBED_VIA_GEMINI;
import static dev.detour.gateway.contract.FamilyRoutes.EMBED_VIA_OPENAI;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_ANTHROPIC;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_GEMINI;
import static dev.detour.gateway.contract.FamilyRoutes.VIA_OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever answers upstream (OpenAI, Anthropic or Gemini protocol, through the real adapters and the sim), what the
 * client gets validates against the official OpenAI OpenAPI schemas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseSchemaContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiSpec spec = OpenAiSpec.load();
    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = FamilyRoutes.start(sim);
        http = gateway.http();
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
    void aPlainAnswerIsACreateChatCompletionResponse(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        spec.assertConforms("CreateChatCompletionResponse", response.body());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Echo: hello there");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(sim.attemptCount(FamilyRoutes.simModel(route))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void aToolCallAnswerIsACreateChatCompletionResponse(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.weatherQuestion(route, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        spec.assertConforms("CreateChatCompletionResponse", response.body());
        JsonNode choice = JSON.readTree(response.body()).at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = choice.at("/message/tool_calls/0");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.at("/function/arguments").asText()).has("city")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_GEMINI})
    void aJsonObjectModeAnswerIsACreateChatCompletionResponseHoldingJson(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.jsonObjectMode(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        spec.assertConforms("CreateChatCompletionResponse", response.body());
        String content = JSON.readTree(response.body()).at("/choices/0/message/content").asText();
        assertThat(JSON.readTree(content).has("echo")).as(content).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void aJsonSchemaModeAnswerIsACreateChatCompletionResponseHoldingJson(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.jsonSchemaMode(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        spec.assertConforms("CreateChatCompletionResponse", response.body());
        String content = JSON.readTree(response.body()).at("/choices/0/message/content").asText();
        assertThat(JSON.readTree(content).has("echo")).as(content).isTrue();
    }

    @Test
    void jsonObjectModeThroughAFamilyWithoutItIsRefusedAsAnErrorResponse() {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.jsonObjectMode(VIA_ANTHROPIC));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        spec.assertConforms("ErrorResponse", response.body());
        assertThat(response.body()).contains("response_format");
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void everyEventOfAStreamIsACreateChatCompletionStreamResponse(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.helloStreamed(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = SseEvents.data(response.body());
        assertThat(events.getLast()).isEqualTo(SseEvents.DONE);
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : SseEvents.json(response.body())) {
            spec.assertConforms("CreateChatCompletionStreamResponse", event);
            chunks.add(JSON.readTree(event));
        }
        assertThat(chunks).extracting(c -> c.get("id").asText()).containsOnly(chunks.getFirst().get("id").asText());
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isPositive();
        List<JsonNode> choices = chunks.subList(0, chunks.size() - 1).stream().map(c -> c.at("/choices/0")).toList();
        assertThat(choices.getLast().get("finish_reason").asText()).isEqualTo("stop");
        assertThat(choices.stream().map(c -> c.at("/delta/content").asText("")).reduce("", String::concat))
                .isEqualTo("Echo: hello there");
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void everyEventOfAStreamedToolCallIsACreateChatCompletionStreamResponse(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.weatherQuestion(route, true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SseEvents.data(response.body()).getLast()).isEqualTo(SseEvents.DONE);
        StringBuilder name = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        String finishReason = null;
        for (String event : SseEvents.json(response.body())) {
            spec.assertConforms("CreateChatCompletionStreamResponse", event);
            JsonNode choice = JSON.readTree(event).at("/choices/0");
            for (JsonNode call : choice.at("/delta/tool_calls")) {
                name.append(call.at("/function/name").asText(""));
                arguments.append(call.at("/function/arguments").asText(""));
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
        assertThat(finishReason).isEqualTo("tool_calls");
        assertThat(name.toString()).isEqualTo("get_weather");
        assertThat(JSON.readTree(arguments.toString()).has("city")).as(arguments.toString()).isTrue();
    }

    @Test
    void theModelListIsAListModelsResponse() throws Exception {
        HttpResponse<String> response = http.get("/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        spec.assertConforms("ListModelsResponse", response.body());
        assertThat(JSON.readTree(response.body()).get("data").findValuesAsText("id"))
                .contains(VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI, "anthropic/" + FamilyRoutes.ANTHROPIC_MODEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {EMBED_VIA_OPENAI, EMBED_VIA_GEMINI})
    void embeddingsAreACreateEmbeddingResponse(String route) throws Exception {
        HttpResponse<String> response = http.post("/v1/embeddings", """
                {"model":"%s","input":["hello there","general kenobi"]}""".formatted(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        spec.assertConforms("CreateEmbeddingResponse", response.body());
        JsonNode data = JSON.readTree(response.body()).get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(data.get(0).get("embedding").size()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void anUpstreamBadRequestIsA400ErrorResponse(String route) {
        sim.fault(FamilyRoutes.simModel(route), Fault.status(400));

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        spec.assertConforms("ErrorResponse", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {VIA_OPENAI, VIA_ANTHROPIC, VIA_GEMINI})
    void anUpstreamThatResetsTheConnectionIsA502ErrorResponse(String route) {
        sim.fault(FamilyRoutes.simModel(route), Fault.resetBeforeHeaders());

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        spec.assertConforms("ErrorResponse", response.body());
    }
}
