package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OllamaProtocolTest {

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

    static List<JsonNode> lines(String body) {
        return Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).map(SimClient::json).toList();
    }

    @Test
    void streamsNdjsonByDefaultEndingWithDoneLine() {
        HttpResponse<String> r = client.post("/api/chat", "{\"model\":\"llama3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(r.body());
        assertThat(lines).hasSize(4);
        StringBuilder text = new StringBuilder();
        for (JsonNode l : lines.subList(0, 3)) {
            assertThat(l.path("done").asBoolean()).isFalse();
            assertThat(l.path("model").asText()).isEqualTo("llama3");
            assertThat(l.path("message").path("role").asText()).isEqualTo("assistant");
            text.append(l.path("message").path("content").asText());
        }
        assertThat(text.toString()).isEqualTo("Echo: hi there");
        JsonNode last = lines.get(3);
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("done_reason").asText()).isEqualTo("stop");
        assertThat(last.path("prompt_eval_count").asInt()).isEqualTo(2);
        assertThat(last.path("eval_count").asInt()).isEqualTo(3);
        assertThat(last.path("total_duration").asLong()).isPositive();
        assertThat(sim.attempts("llama3")).extracting(Attempt::protocol, Attempt::stream)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ollama", true));
    }

    @Test
    void nonStreamingAnswerIsOneObject() {
        JsonNode b = SimClient.json(client.post("/api/chat", """
                {"model":"llama3","stream":false,"options":{"num_predict":2},
                 "messages":[{"role":"user","content":"one two three","images":["iVBORw0KGgo="]}]}"""));
        assertThat(b.path("message").path("content").asText()).isEqualTo("Echo: one");
        assertThat(b.path("done").asBoolean()).isTrue();
        assertThat(b.path("done_reason").asText()).isEqualTo("length");
        JsonNode img = SimClient.json(client.post("/api/chat", """
                {"model":"llama3","stream":false,"messages":[{"role":"user","content":"see","images":["iVBORw0KGgo="]}]}"""));
        assertThat(img.path("message").path("content").asText()).isEqualTo("Echo: see [1 image]");
        JsonNode json = SimClient.json(client.post("/api/chat", """
                {"model":"llama3","stream":false,"format":"json","messages":[{"role":"user","content":"q"}]}"""));
        assertThat(SimClient.json(json.path("message").path("content").asText()).path("echo").asText()).isEqualTo("q");
        JsonNode stop = SimClient.json(client.post("/api/chat", """
                {"model":"llama3","stream":false,"options":{"stop":["two"]},"messages":[{"role":"user","content":"one two"}]}"""));
        assertThat(stop.path("message").path("content").asText()).isEqualTo("Echo: one ");
    }

    @Test
    void toolCallsAndToolResults() {
        String tools = """
                "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                  "properties":{"city":{"type":"string"}},"required":["city"]}}}]""";
        JsonNode b = SimClient.json(client.post("/api/chat",
                "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + tools + "}"));
        JsonNode call = b.path("message").path("tool_calls").get(0);
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("function").path("arguments").path("city").asText()).isEqualTo("x");
        List<JsonNode> lines = lines(client.post("/api/chat",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + tools + "}").body());
        assertThat(lines.get(0).path("message").path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(lines.get(lines.size() - 1).path("done").asBoolean()).isTrue();
        JsonNode result = SimClient.json(client.post("/api/chat", "{\"model\":\"m\",\"stream\":false," + tools + """
                ,"messages":[{"role":"user","content":"q"},
                  {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"x"}}}]},
                  {"role":"tool","content":"cloudy"}]}"""));
        assertThat(result.path("message").path("content").asText()).isEqualTo("Tool result: cloudy");
    }

    @Test
    void faultsUseOllamaErrorShape() {
        sim.fault("m", Fault.status(404));
        HttpResponse<String> r = client.post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(SimClient.json(r).path("error").asText()).isEqualTo("model \"m\" not found, try pulling it first");
        sim.fault("m", Fault.status(503).retryAfter(Duration.ofSeconds(1)));
        HttpResponse<String> busy = client.post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("retry-after")).hasValue("1");
        sim.fault("m", Fault.noDone());
        List<JsonNode> lines = lines(client.post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}").body());
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.path("done").asBoolean()).isFalse());
        sim.fault("m", Fault.errorAfterChunks(1, 500));
        List<JsonNode> errored = lines(client.post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}").body());
        assertThat(errored).hasSize(2);
        assertThat(errored.get(1).path("error").asText()).isNotBlank();
        sim.fault("m", Fault.malformedChunkAfter(0));
        String body = client.post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}").body();
        assertThatThrownBy(() -> lines(body)).isInstanceOf(RuntimeException.class);
        sim.fault("m", Fault.contextLengthExceeded());
        HttpResponse<String> ctx = client.post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
        assertThat(ctx.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(ctx).path("error").asText()).contains("context length");
    }

    @Test
    void embedAndTags() {
        JsonNode e = SimClient.json(client.post("/api/embed", "{\"model\":\"nomic\",\"input\":[\"a\",\"b\"]}"));
        assertThat(e.path("embeddings")).hasSize(2);
        assertThat(e.path("embeddings").get(0)).hasSize(16);
        assertThat(e.path("model").asText()).isEqualTo("nomic");
        JsonNode single = SimClient.json(client.post("/api/embed", "{\"model\":\"nomic\",\"input\":\"a\"}"));
        assertThat(single.path("embeddings").get(0)).isEqualTo(e.path("embeddings").get(0));
        JsonNode legacy = SimClient.json(client.post("/api/embeddings", "{\"model\":\"nomic\",\"prompt\":\"a\"}"));
        assertThat(legacy.path("embedding")).isEqualTo(e.path("embeddings").get(0));
        JsonNode tags = SimClient.json(client.get("/api/tags"));
        assertThat(tags.path("models").findValuesAsText("name")).contains("nomic:latest", "sim-chat:latest");
    }
}
