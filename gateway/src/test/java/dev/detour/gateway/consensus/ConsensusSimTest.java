package dev.detour.gateway.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ConsensusConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consensus mode through the real gateway and provider-sim. The sim's answers are a pure function of the request, so
 * two full answers agree; a model with a window just big enough for the prompt gets a max_tokens that cuts its echo
 * short, which makes it disagree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsensusSimTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConsensusConfig CONSENSUS = new ConsensusConfig(0.8, 3);
    /** 60 one-token words: 67 prompt tokens with framing, so a window of 87 leaves 20 for the answer. */
    private static final String LONG = IntStream.range(0, 60).mapToObj(i -> "the cat sat on a mat and dog ran home".split(" ")[i % 10])
            .collect(Collectors.joining(" "));

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        sim.model("tight").contextWindow(87);
        gateway = SimGateway.start(List.of(provider(sim, "p", ProviderKind.OPENAI, model("one", 128_000),
                        model("two", 128_000), model("three", 128_000), model("tight", 87))),
                List.of(route("agree", "one", "two", "three"), route("cut-then-full", "one", "tight", "three"),
                        route("cut-only", "one", "tight")),
                SimGateway.STREAM_IDLE_LIMIT);
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

    @Test
    void twoAgreeingAnswersAreAcceptedAndBothCallsAreBilled() throws Exception {
        HttpResponse<String> response = ask("agree", "hello there");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-consensus")).hasValue("agreed");
        assertThat(response.headers().firstValue("x-detour-consensus-providers")).hasValue("p/one, p/two");
        assertThat(response.headers().firstValue("x-detour-consensus-similarity")).hasValue("1.000");
        assertThat(response.headers().firstValue("x-detour-consensus-comparison")).as("no cache, no embedder")
                .hasValue("lexical");
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("p/one");
        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo("Echo: hello there");
        assertThat(sim.attemptCount("one")).isEqualTo(1);
        assertThat(sim.attemptCount("two")).isEqualTo(1);
        assertThat(sim.attemptCount("three")).isZero();
        JsonNode usage = JSON.readTree(http.get("/admin/usage?route=agree").body());
        assertThat(usage.at("/totals/requests").asInt()).isEqualTo(2);
        assertThat(Double.parseDouble(response.headers().firstValue("x-detour-cost-usd").orElseThrow()))
                .isEqualTo(usage.at("/totals/cost_usd").asDouble(), org.assertj.core.api.Assertions.within(1e-8));
    }

    @Test
    void whenOneOfTheFirstTwoFailsAThirdIsAsked() {
        sim.fault("one", Fault.status(503));

        HttpResponse<String> response = ask("agree", "hello there");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-consensus-providers")).hasValue("p/two, p/three");
        assertThat(sim.attemptCount("three")).isEqualTo(1);
    }

    @Test
    void whenTheFirstTwoDisagreeAThirdSettlesIt() {
        HttpResponse<String> response = ask("cut-then-full", LONG);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-consensus-providers")).hasValue("p/one, p/three");
        assertThat(sim.attemptCount("tight")).isEqualTo(1);
    }

    @Test
    void whenNoTwoAgreeTheClientGetsAnExplicitError() throws Exception {
        HttpResponse<String> response = ask("cut-only", LONG);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("x-detour-consensus")).hasValue("disagreed");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("consensus_failed");
        assertThat(error.get("message").asText()).contains("p/one answered").contains("p/tight answered");
    }

    @Test
    void aConsensusRouteDoesNotStream() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"agree","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("stream");
        assertThat(sim.attemptCount("one")).isZero();
    }

    private HttpResponse<String> ask(String route, String text) {
        return http.post("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"%s"}]}""".formatted(route, text));
    }

    private static RouteConfig route(String name, String... models) {
        return new RouteConfig(name, java.util.Arrays.stream(models).map(m -> tier("p", m, PATIENT)).toList(),
                RouteScreening.DEFAULTS, CONSENSUS);
    }

    private static ModelConfig model(String name, int window) {
        return new ModelConfig(name, window, 1.0, 2.0, false);
    }
}
