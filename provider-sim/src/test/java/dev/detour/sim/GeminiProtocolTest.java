package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiProtocolTest {

    static ProviderSim sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = ProviderSim.start();
        client = new SimClient(sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.reset();
    }

    static final String HELLO = """
            {"systemInstruction":{"parts":[{"text":"be brief"}]},
             "contents":[{"role":"user","parts":[{"text":"hello gemini world"}]}]}""";

    @Test
    void generateContentAnswersWithCandidatesAndUsage() {
        HttpResponse<String> r = client.post("/v1beta/models/gemini-x:generateContent?key=abc", HELLO);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode b = SimClient.json(r);
        JsonNode cand = b.path("candidates").get(0);
        assertThat(cand.path("content").path("role").asText()).isEqualTo("model");
        assertThat(cand.path("content").path("parts").get(0).path("text").asText()).isEqualTo("Echo: hello gemini world");
        assertThat(cand.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(b.path("usageMetadata").path("promptTokenCount").asInt()).isEqualTo(5);
        assertThat(b.path("usageMetadata").path("candidatesTokenCount").asInt()).isEqualTo(4);
        assertThat(b.path("usageMetadata").path("totalTokenCount").asInt()).isEqualTo(9);
        assertThat(b.path("modelVersion").asText()).isEqualTo("gemini-x");
        assertThat(sim.attempts("gemini-x")).extracting(Attempt::protocol).containsExactly("gemini");
        // base URLs with /v1 or without a version reach the same handler
        assertThat(client.post("/v1/models/gemini-x:generateContent", HELLO).statusCode()).isEqualTo(200);
        assertThat(client.post("/models/gemini-x:generateContent", HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void streamGenerateContentSendsSseFramesEndingWithFinishReason() {
        HttpResponse<String> r = client.post("/v1beta/models/gemini-x:streamGenerateContent?alt=sse", HELLO);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> frames = Sse.data(r.body()).stream().map(SimClient::json).toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            JsonNode cand = frames.get(i).path("candidates").get(0);
            text.append(cand.path("content").path("parts").get(0).path("text").asText());
            assertThat(cand.has("finishReason")).isEqualTo(i == frames.size() - 1);
        }
        assertThat(frames).hasSize(5);
        assertThat(text.toString()).isEqualTo("Echo: hello gemini world");
        JsonNode last = frames.get(frames.size() - 1);
        assertThat(last.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(last.path("usageMetadata").path("candidatesTokenCount").asInt()).isEqualTo(4);
        assertThat(sim.attempts("gemini-x")).extracting(Attempt::stream).containsExactly(true);
    }

    @Test
    void maxOutputTokensStopSequencesJsonModeAndImages() {
        JsonNode max = SimClient.json(client.post("/v1beta/models/g:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"a b c"}]}],"generationConfig":{"maxOutputTokens":2}}"""));
        assertThat(max.path("candidates").get(0).path("finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(max.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText()).isEqualTo("Echo: a");
        JsonNode stop = SimClient.json(client.post("/v1beta/models/g:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"a b c"}]}],"generationConfig":{"stopSequences":[" b"]}}"""));
        assertThat(stop.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText()).isEqualTo("Echo: a");
        assertThat(stop.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
        JsonNode json = SimClient.json(client.post("/v1beta/models/g:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"q"}]}],
                 "generationConfig":{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT"}}}"""));
        assertThat(SimClient.json(json.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .path("echo").asText()).isEqualTo("q");
        JsonNode img = SimClient.json(client.post("/v1beta/models/g:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"look"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}]}"""));
        assertThat(img.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("Echo: look [1 image]");
    }

    @Test
    void functionCallingAndFunctionResponses() {
        String tools = """
                "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT",
                  "properties":{"city":{"type":"STRING"},"days":{"type":"INTEGER"}},"required":["city","days"]}}]}]""";
        JsonNode b = SimClient.json(client.post("/v1beta/models/g:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]," + tools + "}"));
        JsonNode cand = b.path("candidates").get(0);
        assertThat(cand.path("finishReason").asText()).isEqualTo("STOP");
        JsonNode fc = cand.path("content").path("parts").get(0).path("functionCall");
        assertThat(fc.path("name").asText()).isEqualTo("get_weather");
        assertThat(fc.path("args").path("city").asText()).isEqualTo("x");
        assertThat(fc.path("args").path("days").asInt()).isEqualTo(1);

        List<JsonNode> frames = Sse.data(client.post("/v1beta/models/g:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]," + tools + "}").body()).stream().map(SimClient::json).toList();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).path("candidates").get(0).path("content").path("parts").get(0).path("functionCall").path("name").asText())
                .isEqualTo("get_weather");

        JsonNode result = SimClient.json(client.post("/v1beta/models/g:generateContent", "{" + tools + """
                ,"contents":[{"role":"user","parts":[{"text":"q"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"x","days":1}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"name":"get_weather","content":"rainy"}}}]}]}"""));
        assertThat(result.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("Tool result: rainy");

        JsonNode wrapped = SimClient.json(client.post("/v1beta/models/g:generateContent", "{" + tools + """
                ,"contents":[{"role":"user","parts":[{"text":"q"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"x","days":1}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"response":"sunny"}}}]}]}"""));
        assertThat(wrapped.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("Tool result: sunny");

        JsonNode none = SimClient.json(client.post("/v1beta/models/g:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]," + tools
                        + ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}}}"));
        assertThat(none.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText()).isEqualTo("Echo: q");
    }

    @Test
    void errorsUseGoogleRpcShapeWithRetryInfo() {
        sim.fault("g", Fault.status(429).retryAfter(Duration.ofSeconds(7)));
        HttpResponse<String> r = client.post("/v1beta/models/g:generateContent", HELLO);
        assertThat(r.statusCode()).isEqualTo(429);
        JsonNode err = SimClient.json(r).path("error");
        assertThat(err.path("code").asInt()).isEqualTo(429);
        assertThat(err.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        JsonNode retry = err.path("details").get(0);
        assertThat(retry.path("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(retry.path("retryDelay").asText()).isEqualTo("7s");
        assertThat(r.headers().firstValue("retry-after")).isEmpty();

        sim.fault("g", Fault.status(429));
        assertThat(SimClient.json(client.post("/v1beta/models/g:generateContent", HELLO)).path("error").path("details")).isEmpty();

        int[] statuses = {400, 401, 403, 404, 500, 503};
        String[] names = {"INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND", "INTERNAL", "UNAVAILABLE"};
        for (int i = 0; i < statuses.length; i++) {
            sim.fault("g", Fault.status(statuses[i]));
            HttpResponse<String> e = client.post("/v1beta/models/g:streamGenerateContent?alt=sse", HELLO);
            assertThat(e.statusCode()).isEqualTo(statuses[i]);
            assertThat(SimClient.json(e).path("error").path("status").asText()).isEqualTo(names[i]);
        }
    }

    @Test
    void contextLengthAndSafetyBlock() {
        sim.model("tiny").contextWindow(2);
        HttpResponse<String> r = client.post("/v1beta/models/tiny:generateContent", HELLO);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(r).path("error").path("message").asText())
                .isEqualTo("The input token count (5) exceeds the maximum number of tokens allowed (2).");
        assertThat(SimClient.json(r).path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");

        sim.fault("g", Fault.contentPolicy());
        HttpResponse<String> blocked = client.post("/v1beta/models/g:generateContent", HELLO);
        assertThat(blocked.statusCode()).isEqualTo(200);
        JsonNode b = SimClient.json(blocked);
        assertThat(b.path("promptFeedback").path("blockReason").asText()).isEqualTo("SAFETY");
        assertThat(b.has("candidates")).isFalse();
        List<String> frames = Sse.data(client.post("/v1beta/models/g:streamGenerateContent?alt=sse", HELLO).body());
        assertThat(frames).hasSize(1);
        assertThat(SimClient.json(frames.get(0)).path("promptFeedback").path("blockReason").asText()).isEqualTo("SAFETY");
    }

    @Test
    void noDoneEndsAfterTheLastCandidateChunkWithoutFinishReason() {
        sim.fault("g", Fault.noDone());
        List<JsonNode> frames = Sse.data(client.post("/v1beta/models/g:streamGenerateContent?alt=sse", HELLO).body())
                .stream().map(SimClient::json).toList();
        assertThat(frames).hasSize(4);
        assertThat(frames).allSatisfy(f -> assertThat(f.path("candidates").get(0).has("finishReason")).isFalse());
    }

    @Test
    void embedContentAndBatchEmbedContents() {
        JsonNode one = SimClient.json(client.post("/v1beta/models/text-embedding-004:embedContent",
                "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"alpha\"}]}}"));
        JsonNode values = one.path("embedding").path("values");
        assertThat(values).hasSize(16);
        JsonNode batch = SimClient.json(client.post("/v1beta/models/text-embedding-004:batchEmbedContents", """
                {"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"alpha"}]},"outputDimensionality":16},
                             {"model":"models/text-embedding-004","content":{"parts":[{"text":"beta"}]}}]}"""));
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(batch.path("embeddings").get(0).path("values")).isEqualTo(values);
        assertThat(batch.path("embeddings").get(1).path("values")).isNotEqualTo(values);
    }

    @Test
    void listsModelsAndCountsTokens() {
        JsonNode list = SimClient.json(client.get("/v1beta/models"));
        assertThat(list.path("models").findValuesAsText("name")).contains("models/sim-chat");
        JsonNode count = SimClient.json(client.post("/v1beta/models/g:countTokens", HELLO));
        assertThat(count.path("totalTokens").asInt()).isEqualTo(5);
    }

    @Test
    void unknownMethodIsNotFound() {
        HttpResponse<String> r = client.post("/v1beta/models/g:fooBar", HELLO);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(SimClient.json(r).path("error").path("status").asText()).isEqualTo("NOT_FOUND");
    }
}
