package dev.detour.gateway.language;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Language-aware routing through the real gateway and provider-sim: a route that requires Chinese and Japanese
 * prompts to go to models declaring those languages skips the others for such prompts, and only for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteScreening CJK = new RouteScreening(0, RouteScreening.ContextOverflow.REJECT, null,
            List.of("zh", "ja"));

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = SimGateway.start(List.of(
                        provider(sim, "general", ProviderKind.OPENAI, new ModelConfig("any", 128_000, 1, 2, false)),
                        provider(sim, "asia", ProviderKind.OPENAI_COMPATIBLE,
                                new ModelConfig("qwen", 128_000, 1, 2, false, 1, List.of("zh", "ja", "en")))),
                List.of(new RouteConfig("cjk", List.of(tier("general", "any", PATIENT), tier("asia", "qwen", PATIENT)), CJK),
                        new RouteConfig("cjk-general-only", List.of(tier("general", "any", PATIENT)), CJK)),
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
    void aChinesePromptGoesOnlyToAModelThatDeclaresChinese() {
        HttpResponse<String> response = ask("cjk", "请用三句话解释一下为什么天空是蓝色的。");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("asia/qwen");
        assertThat(response.headers().firstValue("x-detour-language")).hasValue("zh");
        assertThat(sim.attemptCount("any")).isZero();
    }

    @Test
    void aJapanesePromptGoesOnlyToAModelThatDeclaresJapanese() {
        HttpResponse<String> response = ask("cjk", "空が青いのはなぜですか。簡単に説明してください。");

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("asia/qwen");
        assertThat(response.headers().firstValue("x-detour-language")).hasValue("ja");
    }

    @Test
    void aPromptInAnotherLanguageFollowsTheTiersAsUsual() {
        HttpResponse<String> response = ask("cjk", "Why is the sky blue? Please explain it in three sentences.");

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("general/any");
        assertThat(response.headers().firstValue("x-detour-language")).hasValue("en");
    }

    @Test
    void aRouteWithNoModelForTheLanguageSaysSoInA400() throws Exception {
        HttpResponse<String> response = ask("cjk-general-only", "请用三句话解释一下为什么天空是蓝色的。");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("language_not_served");
        assertThat(sim.attemptCount("any")).isZero();
    }

    private HttpResponse<String> ask(String route, String text) {
        return http.post("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"system","content":"You are a helpful assistant."},
                  {"role":"user","content":"%s"}]}""".formatted(route, text));
    }
}
