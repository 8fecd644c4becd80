package dev.detour.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.route;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiered failover through the real adapters and the sim: every retryable failure of tier 1 (Anthropic or Gemini
 * protocol; a malformed answer from a stub) is answered by tier 2 (OpenAI protocol) and reported in the headers; the
 * client's own errors are not retried; a stream fails over only before its first byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short enough to expire within a test, long enough for a warm adapter's answer on a busy machine. */
    private static final Duration IMPATIENT = Duration.ofMillis(300);
    /** How long a started stream may go silent before the gateway ends it with an error event. */
    private static final Duration STREAM_IDLE_LIMIT = Duration.ofMillis(500);
    private static final String TIER_2 = "openai/beta";

    private final OpenAiSpec spec = OpenAiSpec.load();
    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        List<RouteConfig> routes = new ArrayList<>();
        for (String first : List.of("anthropic", "gemini")) {
            String model = tier1Model(first);
            routes.add(route(first + "-first", tier(first, model, PATIENT), tier("openai", "beta", PATIENT)));
            routes.add(route(first + "-first-impatient", tier(first, model, IMPATIENT), tier("openai", "beta", PATIENT)));
        }
        routes.add(route("all-impatient", tier("anthropic", "alpha", IMPATIENT), tier("openai", "beta", IMPATIENT)));
        gateway = SimGateway.start(List.of(
                provider(sim, "anthropic", ProviderKind.ANTHROPIC, chatModel("alpha")),
                provider(sim, "gemini", ProviderKind.GEMINI, chatModel("gamma")),
                provider(sim, "openai", ProviderKind.OPENAI, chatModel("beta"))), routes, STREAM_IDLE_LIMIT);
        http = gateway.http();
    }

    @AfterEach
    void resetSim() {
        sim.reset();
        // Each case is about one request's failover, so each starts with healthy deployments.
        gateway.resetHealth();
    }

    @AfterAll
    void stop() {
        gateway.close();
        sim.close();
    }

    static Stream<Arguments> retryableFaultsOfEachTier1Family() {
        return Stream.of("anthropic", "gemini")
                .flatMap(family -> RetryableFault.all().stream().map(fault -> Arguments.of(family, fault)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("retryableFaultsOfEachTier1Family")
    void aRetryableFailureOfTier1IsAnsweredByTier2(String family, RetryableFault failure) throws Exception {
        String tier1Model = tier1Model(family);
        sim.fault(tier1Model, failure.fault());
        String route = family + (failure.impatient() ? "-first-impatient" : "-first");

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello(route));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Echo: hello there");
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue(TIER_2);
        // A blip (a plain 500, a reset) gets one quick retry on the same provider before tier 2.
        int tier1Attempts = failure.quickRetry() ? 2 : 1;
        String tier1Failure = family + "/" + tier1Model + "=" + failure.failureClass() + ", ";
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue(Integer.toString(tier1Attempts + 1));
        assertThat(response.headers().firstValue("x-detour-attempt-log"))
                .hasValue(tier1Failure.repeat(tier1Attempts) + TIER_2 + "=ok");
        assertThat(sim.attemptCount(tier1Model)).isEqualTo(tier1Attempts);
        assertThat(sim.attemptCount("beta")).isEqualTo(1);
    }

    @Test
    void aMalformedAnswerFromTier1IsAnsweredByTier2() throws Exception {
        try (MalformedUpstream broken = MalformedUpstream.start();
             SimGateway withBrokenTier1 = SimGateway.start(List.of(
                     new ProviderConfig("broken", ProviderKind.OPENAI_COMPATIBLE, broken.openAiBaseUrl(), "key", null,
                             null, List.of(chatModel("garbled"))),
                     provider(sim, "openai", ProviderKind.OPENAI, chatModel("beta"))),
                     List.of(route("malformed-first", tier("broken", "garbled", PATIENT), tier("openai", "beta", PATIENT))))) {

            HttpResponse<String> response = withBrokenTier1.http().post("/v1/chat/completions",
                    ChatRequests.hello("malformed-first"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("Echo: hello there");
            assertThat(response.headers().firstValue("x-detour-provider")).hasValue(TIER_2);
            assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("2");
            assertThat(response.headers().firstValue("x-detour-attempt-log"))
                    .hasValue("broken/garbled=bad_response, " + TIER_2 + "=ok");
            assertThat(broken.requests()).isEqualTo(1);
            assertThat(sim.attemptCount("beta")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "gemini"})
    void theUpstreamsBadRequestReachesTheClientWithoutTryingTier2(String family) {
        sim.fault(tier1Model(family), Fault.status(400));

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello(family + "-first"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        spec.assertConforms("ErrorResponse", response.body());
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("1");
        assertThat(sim.attemptCount(tier1Model(family))).isEqualTo(1);
        assertThat(sim.attemptCount("beta")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "gemini"})
    void aContentPolicyRefusalReachesTheClientWithoutTryingTier2(String family) throws Exception {
        sim.fault(tier1Model(family), Fault.contentPolicy());

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello(family + "-first"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        spec.assertConforms("ErrorResponse", response.body());
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("content_filter");
        assertThat(sim.attemptCount(tier1Model(family))).isEqualTo(1);
        assertThat(sim.attemptCount("beta")).isZero();
    }

    static Stream<Arguments> streamFaultsBeforeTheFirstByte() {
        return Stream.of("anthropic", "gemini").flatMap(family -> Stream.of(
                Arguments.of(family, "503", Fault.status(503)),
                Arguments.of(family, "malformed first frame", Fault.malformedChunkAfter(0))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("streamFaultsBeforeTheFirstByte")
    void aStreamFailsOverBeforeItsFirstByte(String family, String name, Fault fault) throws Exception {
        sim.fault(tier1Model(family), fault);

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.helloStreamed(family + "-first"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue(TIER_2);
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("2");
        assertThat(SseEvents.data(response.body()).getLast()).isEqualTo(SseEvents.DONE);
        SseEvents.json(response.body()).forEach(e -> spec.assertConforms("CreateChatCompletionStreamResponse", e));
        assertThat(streamedText(response.body())).isEqualTo("Echo: hello there");
        assertThat(sim.attemptCount(tier1Model(family))).isEqualTo(1);
        assertThat(sim.attemptCount("beta")).isEqualTo(1);
    }

    static Stream<Arguments> streamFaultsAfterTheFirstByte() {
        return Stream.of("anthropic", "gemini").flatMap(family -> Stream.of(
                Arguments.of(family, "provider error event after 2 chunks", Fault.errorAfterChunks(2, 500)),
                Arguments.of(family, "malformed chunk after 2 chunks", Fault.malformedChunkAfter(2)),
                Arguments.of(family, "silence after 2 chunks", Fault.stallAfterChunks(2))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("streamFaultsAfterTheFirstByte")
    void aStreamThatFailsAfterItStartedEndsWithAnErrorEventAndNoDone(String family, String name, Fault fault)
            throws Exception {
        sim.fault(tier1Model(family), fault);

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.helloStreamed(family + "-first"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue(family + "/" + tier1Model(family));
        assertEndsWithAnErrorEventAfterPartialContent(SseEvents.data(response.body()));
        assertThat(sim.attemptCount("beta")).isZero();
    }

    /**
     * A reset right after two chunks races the JDK HTTP client: its response InputStream reports the failure before
     * handing over data it has already received, so the gateway sees either a stream that broke after it started or
     * one that failed before its first byte. Both are handled correctly, and each way is checked in full; what must
     * never happen is a partial answer ending in [DONE].
     */
    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "gemini"})
    void aStreamCutAfterTwoChunksNeverEndsInDoneWithAPartialAnswer(String family) throws Exception {
        String tier1 = family + "/" + tier1Model(family);
        sim.fault(tier1Model(family), Fault.cutAfterChunks(2));

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.helloStreamed(family + "-first"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = SseEvents.data(response.body());
        if (response.headers().firstValue("x-detour-provider").orElseThrow().equals(tier1)) {
            assertEndsWithAnErrorEventAfterPartialContent(events);
            assertThat(sim.attemptCount("beta")).isZero();
        } else {
            // A reset before the first byte gets one quick retry on the same provider, which is cut the same way.
            assertThat(response.headers().firstValue("x-detour-attempt-log"))
                    .hasValueSatisfying(log -> assertThat(log).matches(
                            "(" + java.util.regex.Pattern.quote(tier1) + "=transport, ){1,2}"
                                    + java.util.regex.Pattern.quote(TIER_2) + "=ok"));
            assertThat(events.getLast()).isEqualTo(SseEvents.DONE);
            assertThat(streamedText(response.body())).isEqualTo("Echo: hello there");
        }
    }

    @Test
    void whenEveryTierIsSilentTheClientGetsA504ErrorResponse() {
        sim.fault("alpha", Fault.hang());
        sim.fault("beta", Fault.hang());

        HttpResponse<String> response = http.post("/v1/chat/completions", ChatRequests.hello("all-impatient"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        spec.assertConforms("ErrorResponse", response.body());
        assertThat(response.headers().firstValue("x-detour-attempt-log"))
                .hasValue("anthropic/alpha=timeout, openai/beta=timeout");
    }

    private void assertEndsWithAnErrorEventAfterPartialContent(List<String> events) throws Exception {
        assertThat(events).doesNotContain(SseEvents.DONE);
        spec.assertConforms("ErrorResponse", events.getLast());
        List<String> chunks = events.subList(0, events.size() - 1);
        assertThat(chunks).anyMatch(chunk -> chunk.contains("\"content\""));
        for (String chunk : chunks) {
            spec.assertConforms("CreateChatCompletionStreamResponse", chunk);
            for (JsonNode choice : JSON.readTree(chunk).path("choices")) {
                assertThat(choice.get("finish_reason").isNull()).as("no finish_reason on a broken stream").isTrue();
            }
        }
    }

    private static String streamedText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String event : SseEvents.json(sse)) {
            JSON.readTree(event).path("choices").forEach(c -> text.append(c.at("/delta/content").asText("")));
        }
        return text.toString();
    }

    private static String tier1Model(String family) {
        return switch (family) {
            case "anthropic" -> "alpha";
            case "gemini" -> "gamma";
            default -> throw new IllegalArgumentException(family);
        };
    }
}
