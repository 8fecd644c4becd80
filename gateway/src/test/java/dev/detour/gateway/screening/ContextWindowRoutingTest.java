package dev.detour.gateway.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.tokens.TokenizerFamily;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Context windows through the real gateway and provider-sim, whose models refuse prompts longer than their window:
 * too-small windows are skipped without a call, an unset max_tokens is set to the room left, a route trims the
 * oldest turns or refuses with 400 context_length_exceeded, and a route's minimum window is honoured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextWindowRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteScreening TRIM = new RouteScreening(0, RouteScreening.ContextOverflow.TRIM, null, List.of());
    private static final RouteScreening NEEDS_1000 = new RouteScreening(1000, RouteScreening.ContextOverflow.REJECT, null, List.of());

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        sim.model("small").contextWindow(100);
        sim.model("tight").contextWindow(120);
        gateway = SimGateway.start(List.of(provider(sim, "oa", ProviderKind.OPENAI,
                        model("small", 100), model("tight", 120), model("big", 128_000))),
                List.of(new RouteConfig("small-then-big", List.of(tier("oa", "small", PATIENT), tier("oa", "big", PATIENT))),
                        new RouteConfig("tight", List.of(tier("oa", "tight", PATIENT))),
                        new RouteConfig("reject", List.of(tier("oa", "small", PATIENT))),
                        new RouteConfig("trim", List.of(tier("oa", "small", PATIENT)), TRIM),
                        new RouteConfig("needs-1000", List.of(tier("oa", "small", PATIENT), tier("oa", "big", PATIENT)), NEEDS_1000)),
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
    void aPromptLongerThanTheFirstWindowSkipsItWithoutCallingIt() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ask("small-then-big", words(150), null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("oa/big");
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("1");
        assertThat(sim.attemptCount("small")).isZero();
        assertThat(sim.attemptCount("big")).isEqualTo(1);
    }

    @Test
    void aWindowThatHoldsThePromptButNotTheClientsMaxTokensIsSkipped() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ask("small-then-big", words(20), 200));

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("oa/big");
        assertThat(sim.attemptCount("small")).isZero();
    }

    @Test
    void aShortPromptStillGoesToTheSmallWindowFirst() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ask("small-then-big", words(20), 30));

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("oa/small");
    }

    @Test
    void anUnsetMaxTokensIsSetToTheRoomLeftInASmallWindow() throws Exception {
        String body = ask("tight", words(60), null);
        int room = 120 - new PromptTokens(TokenCounter.shared(), request(body)).estimate(TokenizerFamily.O200K);

        HttpResponse<String> response = http.post("/v1/chat/completions", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        // The sim keeps as many words as max tokens allows: its 61-word echo is cut at exactly the room left.
        assertThat(room).isLessThan(61);
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(room);
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aTrimmingRouteDropsTheOldestTurnsKeepsTheSystemPromptAndSaysSo() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", longConversation("trim"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-trimmed-messages")).hasValue("2");
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Echo: and the final question");
        // The sim counts the words it was sent: system (3) + the last user/assistant pair (25 + 25) + the question (4).
        assertThat(answer.at("/usage/prompt_tokens").asInt()).isEqualTo(3 + 25 + 25 + 4);
    }

    @Test
    void aRejectingRouteAnswers400ContextLengthExceededWithoutCallingAnyone() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", longConversation("reject"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("oa/small").contains("100 tokens");
        assertThat(response.headers().firstValue("x-detour-trimmed-messages")).isEmpty();
        assertThat(sim.attemptCount("small")).isZero();
    }

    @Test
    void aRoutesMinimumContextWindowSkipsSmallerModels() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ask("needs-1000", "hello there", null));

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("oa/big");
        assertThat(sim.attemptCount("small")).isZero();
    }

    private static ModelConfig model(String name, int window) {
        return new ModelConfig(name, window, 1.0, 2.0, false);
    }

    /** {@code n} words, each one token in o200k and cl100k, and one word for the sim. */
    static String words(int n) {
        return IntStream.range(0, n).mapToObj(i -> COMMON[i % COMMON.length]).collect(Collectors.joining(" "));
    }

    private static final String[] COMMON = "the cat sat on a mat and dog ran home".split(" ");

    private static String ask(String route, String text, Integer maxTokens) {
        return """
                {"model":"%s",%s"messages":[{"role":"user","content":"%s"}]}"""
                .formatted(route, maxTokens == null ? "" : "\"max_tokens\":" + maxTokens + ",", text);
    }

    private static String longConversation(String route) {
        return """
                {"model":"%s","messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":"%s"},
                  {"role":"assistant","content":"%s"},
                  {"role":"user","content":"%s"},
                  {"role":"assistant","content":"%s"},
                  {"role":"user","content":"and the final question"}]}"""
                .formatted(route, words(25), words(25), words(25), words(25));
    }

    private static ChatCompletionRequest request(String body) {
        return new JsonCodec().read(body.getBytes(StandardCharsets.UTF_8), ChatCompletionRequest.class);
    }
}
