package dev.detour.gateway.consensus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.gateway.config.CacheConfig;
import dev.detour.gateway.config.ConsensusConfig;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.server.DetourServer;
import dev.detour.gateway.support.Http;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;

/** With the semantic cache on, consensus compares answers by meaning with the cache's embedder, and says so. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsensusByMeaningThroughGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Counting to ten six times, 60 one-token words: a window of 87 leaves 20 tokens, so "tight" cuts its echo. */
    private static final String COUNT = IntStream.range(0, 60)
            .mapToObj(i -> "one two three four five six seven eight nine ten".split(" ")[i % 10])
            .collect(Collectors.joining(" "));

    private ProviderSim sim;
    private OnnxEmbedder model;
    private ProviderAdapters adapters;
    private DetourServer server;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        sim.model("tight").contextWindow(87);
        model = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
        DetourConfig config = SimGateway.config(List.of(provider(sim, "p", ProviderKind.OPENAI,
                        model("one", 128_000), model("two", 128_000), model("tight", 87))),
                List.of(route("agree", "one", "two"), route("cut-only", "one", "tight")))
                .withCache(CacheConfig.DEFAULTS.withLookupTimeout(Duration.ofSeconds(20)));
        adapters = new ProviderAdapters();
        server = DetourServer.start(config, adapters, SimGateway.STREAM_IDLE_LIMIT, name -> model);
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        server.close();
        adapters.close();
        sim.close();
        model.close();
    }

    @Test
    void theHeadersNameTheMeaningComparison() throws Exception {
        HttpResponse<String> response = ask("agree", "what does the fox say");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-consensus")).hasValue("agreed");
        assertThat(response.headers().firstValue("x-detour-consensus-comparison")).hasValue("meaning");
        assertThat(response.headers().firstValue("x-detour-consensus-similarity")).hasValue("1.000");
        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Echo: what does the fox say");
    }

    @Test
    void anAnswerCutShortOfItsNumbersDisagreesByMeaning() throws Exception {
        HttpResponse<String> response = ask("cut-only", COUNT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("x-detour-consensus")).hasValue("disagreed");
        assertThat(response.headers().firstValue("x-detour-consensus-comparison")).hasValue("meaning");
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("compared by meaning");
        assertThat(sim.attemptCount("tight")).isEqualTo(1);
    }

    private HttpResponse<String> ask(String route, String text) {
        return http.post("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"%s"}]}""".formatted(route, text));
    }

    private static RouteConfig route(String name, String... models) {
        return new RouteConfig(name, Arrays.stream(models).map(m -> tier("p", m, PATIENT)).toList(),
                RouteScreening.DEFAULTS, new ConsensusConfig(0.8, 3));
    }

    private static ModelConfig model(String name, int window) {
        return new ModelConfig(name, window, 1.0, 2.0, false);
    }
}
