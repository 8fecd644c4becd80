package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicProtocolTest {

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
    void answersAMessageWithTextBlockAndUsage() {
        HttpResponse<String> r = client.post("/v1/messages", """
                {"model":"claude-x","max_tokens":100,"system":"be brief",
                 "messages":[{"role":"user","content":"hello there"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode b = SimClient.json(r);
        assertThat(b.path("id").asText()).startsWith("msg_");
        assertThat(b.path("type").asText()).isEqualTo("message");
        assertThat(b.path("role").asText()).isEqualTo("assistant");
        assertThat(b.path("model").asText()).isEqualTo("claude-x");
        assertThat(b.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(b.path("content").get(0).path("text").asText()).isEqualTo("Echo: hello there");
        assertThat(b.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(b.path("stop_sequence").isNull()).isTrue();
        assertThat(b.path("usage").path("input_tokens").asInt()).isEqualTo(4);
        assertThat(b.path("usage").path("output_tokens").asInt()).isEqualTo(3);
        assertThat(client.post("/messages", """
                {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""").statusCode())
                .isEqualTo(200);
    }

    @Test
    void blockContentImagesAndStopSequence() {
        JsonNode b = SimClient.json(client.post("/v1/messages", """
                {"model":"c","max_tokens":100,"stop_sequences":["two"],
                 "messages":[{"role":"user","content":[{"type":"text","text":"one two"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}"""));
        assertThat(b.path("content").get(0).path("text").asText()).isEqualTo("Echo: one ");
        assertThat(b.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(b.path("stop_sequence").asText()).isEqualTo("two");
        JsonNode img = SimClient.json(client.post("/v1/messages", """
                {"model":"c","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"see"},
                   {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}"""));
        assertThat(img.path("content").get(0).path("text").asText()).isEqualTo("Echo: see [1 image]");
    }

    @Test
    void maxTokensEndsWithStopReasonMaxTokens() {
        JsonNode b = SimClient.json(client.post("/v1/messages", """
                {"model":"c","max_tokens":2,"messages":[{"role":"user","content":"one two three"}]}"""));
        assertThat(b.path("content").get(0).path("text").asText()).isEqualTo("Echo: one");
        assertThat(b.path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void streamsTheRealEventSequence() {
        HttpResponse<String> r = client.post("/v1/messages", """
                {"model":"c","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"a b c"}]}""");
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<Sse.Event> events = Sse.parse(r.body());
        List<String> names = events.stream().map(Sse.Event::event).toList();
        assertThat(names).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        for (Sse.Event e : events) {
            assertThat(SimClient.json(e.data()).path("type").asText()).isEqualTo(e.event());
        }
        JsonNode start = SimClient.json(events.get(0).data()).path("message");
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(3);
        assertThat(start.path("content")).isEmpty();
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.event().equals("content_block_delta")).forEach(e -> {
            JsonNode delta = SimClient.json(e.data()).path("delta");
            assertThat(delta.path("type").asText()).isEqualTo("text_delta");
            text.append(delta.path("text").asText());
        });
        assertThat(text.toString()).isEqualTo("Echo: a b c");
        JsonNode md = SimClient.json(events.get(8).data());
        assertThat(md.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(md.path("usage").path("output_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void toolUseNonStreamingAndStreaming() {
        String tools = """
                "tools":[{"name":"get_weather","description":"w","input_schema":{"type":"object",
                  "properties":{"city":{"type":"string"},"n":{"type":"number"}},"required":["city","n"]}}]""";
        JsonNode b = SimClient.json(client.post("/v1/messages",
                "{\"model\":\"c\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + tools + "}"));
        assertThat(b.path("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode block = b.path("content").get(0);
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).startsWith("toolu_");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input").path("city").asText()).isEqualTo("x");
        assertThat(block.path("input").path("n").asInt()).isEqualTo(1);

        List<Sse.Event> events = Sse.parse(client.post("/v1/messages",
                "{\"model\":\"c\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + tools + "}").body());
        JsonNode startBlock = SimClient.json(events.get(1).data()).path("content_block");
        assertThat(startBlock.path("type").asText()).isEqualTo("tool_use");
        assertThat(startBlock.path("input")).isEmpty();
        StringBuilder partial = new StringBuilder();
        long deltas = events.stream().filter(e -> e.event().equals("content_block_delta")).peek(e -> {
            JsonNode d = SimClient.json(e.data()).path("delta");
            assertThat(d.path("type").asText()).isEqualTo("input_json_delta");
            partial.append(d.path("partial_json").asText());
        }).count();
        assertThat(deltas).isGreaterThan(1);
        assertThat(SimClient.json(partial.toString())).isEqualTo(block.path("input"));
        assertThat(SimClient.json(events.get(events.size() - 2).data()).path("delta").path("stop_reason").asText())
                .isEqualTo("tool_use");
    }

    @Test
    void toolResultAndToolChoice() {
        JsonNode b = SimClient.json(client.post("/v1/messages", """
                {"model":"c","max_tokens":50,"tools":[{"name":"t","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"q"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42"}]}]}"""));
        assertThat(b.path("content").get(0).path("text").asText()).isEqualTo("Tool result: 42");
        assertThat(b.path("stop_reason").asText()).isEqualTo("end_turn");
        JsonNode forced = SimClient.json(client.post("/v1/messages", """
                {"model":"c","max_tokens":50,"tool_choice":{"type":"tool","name":"b"},
                 "tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"b","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"q"}]}"""));
        assertThat(forced.path("content").get(0).path("name").asText()).isEqualTo("b");
        JsonNode none = SimClient.json(client.post("/v1/messages", """
                {"model":"c","max_tokens":50,"tool_choice":{"type":"none"},
                 "tools":[{"name":"a","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"q"}]}"""));
        assertThat(none.path("content").get(0).path("text").asText()).isEqualTo("Echo: q");
    }

    @Test
    void structuredOutputAnswersJson() {
        for (String format : List.of("\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}",
                "\"output_format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}")) {
            JsonNode b = SimClient.json(client.post("/v1/messages",
                    "{\"model\":\"c\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + format + "}"));
            assertThat(SimClient.json(b.path("content").get(0).path("text").asText()).path("echo").asText()).isEqualTo("hi");
        }
    }

    @Test
    void missingMaxTokensIsAnInvalidRequestError() {
        HttpResponse<String> r = client.post("/v1/messages", "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode b = SimClient.json(r);
        assertThat(b.path("type").asText()).isEqualTo("error");
        assertThat(b.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(b.path("error").path("message").asText()).contains("max_tokens");
    }

    @Test
    void countsTokens() {
        JsonNode b = SimClient.json(client.post("/v1/messages/count_tokens",
                "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}"));
        assertThat(b.path("input_tokens").asInt()).isEqualTo(3);
    }
}
