package dev.detour.gateway.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ConfigLoader;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.server.DetourServer;
import dev.detour.gateway.support.Http;
import dev.detour.gateway.support.TestDataDirs;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline end to end: every remote provider down (connection refused, 503, silent) and the route still answers,
 * from the local tiny model, through the real HTTP API, configured from YAML, streamed and not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalLastResortTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderSim sim;
    private ProviderAdapters adapters;
    private DetourServer server;
    private Http http;

    @BeforeAll
    void start() throws IOException {
        Path tiny = TestModels.tinyRandomLlama();
        sim = ProviderSim.start();
        int refusing = freePort(); // nothing listens there: connection refused
        String yaml = """
                server:
                  port: 0
                  data_dir: %s
                providers:
                  gone:
                    kind: openai-compatible
                    base_url: http://127.0.0.1:%d/v1
                    models:
                      m-refused: {context_window: 8000}
                  sim-openai:
                    kind: openai
                    base_url: %s/v1
                    api_key: sk-test
                    models:
                      m-503: {context_window: 8000}
                  sim-anthropic:
                    kind: anthropic
                    base_url: %s
                    api_key: sk-test
                    models:
                      m-silent: {context_window: 8000}
                routes:
                  chat:
                    tiers:
                      - targets: [gone/m-refused, sim-openai/m-503]
                        timeout: 2s
                      - targets: [sim-anthropic/m-silent]
                        timeout: 500ms
                local:
                  models_dir: %s
                  last_resort: %s
                  tier_timeout: 20s
                  intra_op_threads: 1
                  inter_op_threads: 1
                """.formatted(TestDataDirs.fresh(), refusing, sim.baseUrl(), sim.baseUrl(), tiny.getParent(),
                tiny.getFileName());
        DetourConfig config = new ConfigLoader(Map.of()).parse(yaml, "detour.yaml").config();
        adapters = new ProviderAdapters();
        server = DetourServer.start(config, adapters);
        http = new Http(server.port());
    }

    @BeforeEach
    void providersDown() {
        // The cache is on (the file's default); each case starts from an empty one, so no case answers another's.
        assertThat(http.send(http.request("/admin/cache?all=true").DELETE().build()).statusCode()).isEqualTo(200);
        // Likewise health: circuits opened by an earlier case would change which deployments are tried.
        server.health().reset();
        sim.reset();
        sim.fault("m-503", Fault.status(503));
        sim.fault("m-silent", Fault.hang());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            adapters.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static String body(boolean stream, int maxTokens) {
        return """
                {"model": "chat", "stream": %s, "max_tokens": %d, "temperature": 0,
                 "stream_options": %s,
                 "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Are you there?"}]}
                """.formatted(stream, maxTokens, stream ? "{\"include_usage\": true}" : "null");
    }

    @Test
    void theLocalModelAnswersWhenEveryProviderIsDown() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", body(false, 12));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // Every header in the message: a wrong answerer says why (a cache layer, an attempt log).
        assertThat(response.headers().firstValue("x-detour-provider")).as("%s", response.headers().map())
                .hasValue("local/tiny-random-llama-fp16");
        assertThat(response.headers().firstValue("x-detour-degraded")).hasValue("true");
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("4");
        assertThat(response.headers().firstValue("x-detour-attempt-log").orElseThrow())
                .contains("gone/m-refused=", "sim-openai/m-503=", "sim-anthropic/m-silent=timeout",
                        "local/tiny-random-llama-fp16=ok");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("object").asText()).isEqualTo("chat.completion");
        assertThat(json.path("model").asText()).isEqualTo("tiny-random-llama-fp16");
        assertThat(json.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(json.at("/choices/0/message/content").asText()).isNotBlank();
        assertThat(json.at("/choices/0/finish_reason").asText()).isIn("length", "stop");
        assertThat(json.at("/usage/completion_tokens").asInt()).isBetween(1, 12);
        assertThat(json.at("/usage/prompt_tokens").asInt()).isPositive();
        assertThat(sim.attemptCount("m-503")).isEqualTo(1);
        assertThat(sim.attemptCount("m-silent")).isEqualTo(1);
    }

    @Test
    void aLastResortAnswerIsNeverCached() {
        HttpResponse<String> first = http.post("/v1/chat/completions", body(false, 5));
        HttpResponse<String> again = http.post("/v1/chat/completions", body(false, 5));

        assertThat(first.headers().firstValue("x-detour-degraded")).hasValue("true");
        assertThat(again.headers().firstValue("x-detour-degraded")).hasValue("true");
        assertThat(again.headers().firstValue("x-detour-cache")).hasValue("miss");
        assertThat(sim.attemptCount("m-503")).isEqualTo(2);
    }

    @Test
    void theLocalModelStreamsWhenEveryProviderIsDown() throws Exception {
        HttpResponse<String> streamed = http.post("/v1/chat/completions", body(true, 12));

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("x-detour-provider")).hasValue("local/tiny-random-llama-fp16");
        assertThat(streamed.headers().firstValue("x-detour-degraded")).hasValue("true");
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                chunks.add(JSON.readTree(line.substring(6)));
            }
        }
        assertThat(streamed.body()).contains("data: [DONE]");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(chunks.stream().filter(c -> c.at("/choices/0/finish_reason").isTextual())).hasSize(1);
        JsonNode usage = chunks.getLast().path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isBetween(1, 12);

        // Greedy: the same request without streaming gives the same text.
        HttpResponse<String> whole = http.post("/v1/chat/completions", body(false, 12));
        assertThat(text.toString()).isEqualTo(JSON.readTree(whole.body()).at("/choices/0/message/content").asText());
    }

    @Test
    void theLocalModelIsAddressableDirectlyAndThenIsNotDegraded() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model": "local/tiny-random-llama-fp16", "max_tokens": 3, "seed": 5,
                 "messages": [{"role": "user", "content": "Hi"}]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("local/tiny-random-llama-fp16");
        assertThat(response.headers().firstValue("x-detour-degraded")).isEmpty();
        assertThat(JSON.readTree(response.body()).at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void aHealthyProviderStillAnswersFirst() throws Exception {
        sim.clearFaults();
        HttpResponse<String> response = http.post("/v1/chat/completions", body(false, 12));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("sim-openai/m-503");
        assertThat(response.headers().firstValue("x-detour-degraded")).isEmpty();
    }

    @Test
    void theModelListNamesTheLocalModel() throws Exception {
        HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/models")).GET().build());
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("chat", "local/tiny-random-llama-fp16");
    }

    @Test
    void whatTheLocalModelCannotDoIsRefusedByName() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model": "local/tiny-random-llama-fp16", "n": 2, "messages": [{"role": "user", "content": "Hi"}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("param").asText()).isEqualTo("n");
        assertThat(error.path("code").asText()).isEqualTo("unsupported_parameter");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
