package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiProtocolTest {

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

    @Test
    void answersEchoOfLastUserMessageWithUsage() {
        HttpResponse<String> r = client.post("/v1/chat/completions", """
                {"model":"gpt-x","messages":[{"role":"system","content":"be brief"},
                 {"role":"user","content":"first"},{"role":"assistant","content":"ok"},
                 {"role":"user","content":"hello there world"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode b = SimClient.json(r);
        assertThat(b.path("object").asText()).isEqualTo("chat.completion");
        assertThat(b.path("id").asText()).startsWith("chatcmpl-");
        assertThat(b.path("model").asText()).isEqualTo("gpt-x");
        JsonNode choice = b.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Echo: hello there world");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        // prompt: "be brief"(2) + "first"(1) + "ok"(1) + "hello there world"(3) = 7; answer = 4 words
        assertThat(b.path("usage").path("prompt_tokens").asInt()).isEqualTo(7);
        assertThat(b.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
        assertThat(b.path("usage").path("total_tokens").asInt()).isEqualTo(11);
    }

    @Test
    void servesTheSamePathsWithoutTheV1Prefix() {
        HttpResponse<String> r = client.post("/chat/completions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(r).path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: hi");
        assertThat(client.get("/models").statusCode()).isEqualTo(200);
        assertThat(client.post("/embeddings", "{\"model\":\"e\",\"input\":\"x\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void streamsRoleThenWordsThenFinishThenDone() {
        HttpResponse<String> r = client.post("/v1/chat/completions", """
                {"model":"gpt-s","stream":true,"messages":[{"role":"user","content":"one two three"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> data = Sse.data(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(SimClient::json).toList();
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        int contentChunks = 0;
        for (JsonNode c : chunks) {
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            JsonNode delta = c.path("choices").get(0).path("delta");
            if (delta.hasNonNull("content") && !delta.path("content").asText().isEmpty()) {
                contentChunks++;
                text.append(delta.path("content").asText());
            }
        }
        assertThat(text.toString()).isEqualTo("Echo: one two three");
        assertThat(contentChunks).isEqualTo(4);
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.has("usage")).isFalse();
    }

    @Test
    void includeUsageAddsAFinalChunkWithEmptyChoices() {
        HttpResponse<String> r = client.post("/v1/chat/completions", """
                {"model":"gpt-s","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"a b"}]}""");
        List<String> data = Sse.data(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        JsonNode usageChunk = SimClient.json(data.get(data.size() - 2));
        assertThat(usageChunk.path("choices").isArray()).isTrue();
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void mistralClientsGetUsageOnTheFinishChunk() {
        HttpResponse<String> r = client.post("/v1/chat/completions", """
                {"model":"mistral-small","stream":true,"safe_prompt":false,"random_seed":7,
                 "messages":[{"role":"user","content":"a b"}]}""");
        List<String> data = Sse.data(r.body());
        JsonNode finish = SimClient.json(data.get(data.size() - 2));
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void mistralClientsGetEachToolCallWholeInOneChunk() {
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("User-Agent", "langchain4j-mistral-ai")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"model":"mistral-small","stream":true,"messages":[{"role":"user","content":"q"}],
                         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object",
                          "properties":{"query":{"type":"string"}},"required":["query"]}}}]}"""))
                .build();
        String body;
        try {
            body = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<JsonNode> calls = Sse.data(body).stream().filter(d -> !d.equals("[DONE]")).map(SimClient::json)
                .map(c -> c.path("choices").path(0).path("delta").path("tool_calls").path(0))
                .filter(tc -> !tc.isMissingNode()).toList();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).path("id").asText()).startsWith("call_");
        assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("lookup");
        assertThat(SimClient.json(calls.get(0).path("function").path("arguments").asText()).path("query").asText()).isEqualTo("x");
    }

    @Test
    void maxTokensTruncatesWithFinishLength() {
        JsonNode b = SimClient.json(client.post("/v1/chat/completions", """
                {"model":"m","max_tokens":2,"messages":[{"role":"user","content":"one two three"}]}"""));
        assertThat(b.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: one");
        assertThat(b.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(b.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
        JsonNode c = SimClient.json(client.post("/v1/chat/completions", """
                {"model":"m","max_completion_tokens":1,"messages":[{"role":"user","content":"one two three"}]}"""));
        assertThat(c.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo:");
    }

    @Test
    void stopSequenceEndsTheAnswerBeforeIt() {
        JsonNode b = SimClient.json(client.post("/v1/chat/completions", """
                {"model":"m","stop":["three"],"messages":[{"role":"user","content":"one two three four"}]}"""));
        assertThat(b.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: one two ");
        assertThat(b.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void toolsAreCalledWithArgumentsFromRequiredProperties() {
        String req = """
                {"model":"m","messages":[{"role":"user","content":"weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                   "properties":{"city":{"type":"string"},"days":{"type":"integer"},"unit":{"type":"string","enum":["c","f"]},
                   "verbose":{"type":"boolean"}},"required":["city","days","unit"]}}},
                  {"type":"function","function":{"name":"other","parameters":{"type":"object","properties":{}}}}]}""";
        JsonNode b = SimClient.json(client.post("/v1/chat/completions", req));
        JsonNode choice = b.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        JsonNode args = SimClient.json(call.path("function").path("arguments").asText());
        assertThat(args.path("city").asText()).isEqualTo("x");
        assertThat(args.path("days").asInt()).isEqualTo(1);
        assertThat(args.path("unit").asText()).isEqualTo("c");
        assertThat(args.has("verbose")).isFalse();
    }

    @Test
    void toolChoiceNamesTheToolOrTurnsToolsOff() {
        String tools = """
                "tools":[{"type":"function","function":{"name":"a","parameters":{}}},
                         {"type":"function","function":{"name":"b","parameters":{}}}]""";
        JsonNode named = SimClient.json(client.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
                + tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}}}"));
        assertThat(named.path("choices").get(0).path("message").path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo("b");
        JsonNode none = SimClient.json(client.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
                + tools + ",\"tool_choice\":\"none\"}"));
        assertThat(none.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: q");
    }

    @Test
    void toolResultIsAnsweredAsText() {
        JsonNode b = SimClient.json(client.post("/v1/chat/completions", """
                {"model":"m","tools":[{"type":"function","function":{"name":"a","parameters":{}}}],
                 "messages":[{"role":"user","content":"q"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"sunny, 21C"}]}"""));
        assertThat(b.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Tool result: sunny, 21C");
        assertThat(b.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void streamsToolCallArgumentsInFragments() {
        HttpResponse<String> r = client.post("/v1/chat/completions", """
                {"model":"m","stream":true,"messages":[{"role":"user","content":"q"}],
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object",
                  "properties":{"query":{"type":"string"},"limit":{"type":"number"}},"required":["query","limit"]}}}]}""");
        List<String> data = Sse.data(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(SimClient::json).toList();
        JsonNode header = chunks.get(0).path("choices").get(0).path("delta").path("tool_calls").get(0);
        assertThat(header.path("id").asText()).startsWith("call_");
        assertThat(header.path("function").path("name").asText()).isEqualTo("lookup");
        StringBuilder args = new StringBuilder();
        int fragments = 0;
        for (JsonNode c : chunks) {
            JsonNode tc = c.path("choices").path(0).path("delta").path("tool_calls").path(0);
            if (tc.path("function").has("arguments")) {
                args.append(tc.path("function").path("arguments").asText());
                fragments++;
            }
        }
        assertThat(fragments).isGreaterThan(2);
        assertThat(SimClient.json(args.toString()).path("query").asText()).isEqualTo("x");
        assertThat(chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void jsonModeAnswersAJsonObject() {
        for (String format : List.of("{\"type\":\"json_object\"}",
                "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\"}}}")) {
            JsonNode b = SimClient.json(client.post("/v1/chat/completions",
                    "{\"model\":\"m\",\"response_format\":" + format + ",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\"}]}"));
            JsonNode answer = SimClient.json(b.path("choices").get(0).path("message").path("content").asText());
            assertThat(answer.path("echo").asText()).isEqualTo("say \"hi\"");
        }
    }

    @Test
    void imagesInUserContentAreCounted() {
        JsonNode b = SimClient.json(client.post("/v1/chat/completions", """
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what is this"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                 {"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]}"""));
        assertThat(b.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: what is this [2 images]");
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        JsonNode b = SimClient.json(client.post("/v1/embeddings", "{\"model\":\"emb\",\"input\":[\"alpha\",\"beta\",\"alpha\"]}"));
        assertThat(b.path("object").asText()).isEqualTo("list");
        JsonNode data = b.path("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(0).path("embedding")).hasSize(16);
        assertThat(data.get(0).path("embedding")).isEqualTo(data.get(2).path("embedding"));
        assertThat(data.get(0).path("embedding")).isNotEqualTo(data.get(1).path("embedding"));
        double norm = 0;
        for (JsonNode x : data.get(1).path("embedding")) {
            norm += x.asDouble() * x.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(b.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        JsonNode sized = SimClient.json(client.post("/v1/embeddings",
                "{\"model\":\"emb\",\"input\":\"alpha\",\"dimensions\":8,\"encoding_format\":\"base64\"}"));
        assertThat(java.util.Base64.getDecoder().decode(sized.path("data").get(0).path("embedding").asText())).hasSize(32);
    }

    @Test
    void listsModelsIncludingOnesSeen() {
        client.post("/v1/chat/completions", "{\"model\":\"seen-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        JsonNode b = SimClient.json(client.get("/v1/models"));
        assertThat(b.path("object").asText()).isEqualTo("list");
        assertThat(b.path("data").findValuesAsText("id")).contains("seen-model", "sim-chat");
        assertThat(SimClient.json(client.get("/v1/models/gpt-4o")).path("id").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void badRequestsGetOpenAiErrors() {
        HttpResponse<String> noMessages = client.post("/v1/chat/completions", "{\"model\":\"m\"}");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        JsonNode err = SimClient.json(noMessages).path("error");
        assertThat(err.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(err.path("param").asText()).isEqualTo("messages");
        HttpResponse<String> notJson = client.post("/v1/chat/completions", "{oops");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(notJson).path("error").path("message").asText()).contains("parse");
    }
}
