package dev.detour.gateway.screening;

import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.Tier;
import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.tokens.TokenizerFamily;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Screening decisions without any network: windows per tokenizer, output limits per family, cost estimates. */
class RequestScreenerTest {

    private static final DeploymentId GPT = new DeploymentId("oa", "gpt-4o-mini");
    private static final DeploymentId CLAUDE = new DeploymentId("an", "claude");

    private PriceList prices;

    @AfterEach
    void close() {
        prices.close();
    }

    @Test
    void anUnknownTokenizersMarginCanBeWhatSkipsIt() {
        // 100 words of one token each: 107 tokens exact (fits 130), 129 with the 20 % margin (does not fit 120).
        RequestScreener screener = screener(130, 120, RouteScreening.DEFAULTS);
        ScreenedRequest screened = screener.screen(route(CLAUDE, GPT), request(words(100), null), null);

        assertThat(screened.route().tiers()).extracting(Tier::deployments).containsExactly(List.of(GPT));
    }

    @Test
    void anUnsetLimitIsSetPerCandidateAsItsFamilySpellsIt() {
        RequestScreener screener = screener(200, 300, RouteScreening.DEFAULTS);
        ChatCompletionRequest request = request(words(20), null);
        ScreenedRequest screened = screener.screen(route(GPT, CLAUDE), request, null);

        PromptTokens tokens = new PromptTokens(TokenCounter.shared(), request);
        assertThat(screened.requestFor(GPT).maxCompletionTokens())
                .isEqualTo(200 - tokens.estimate(TokenizerFamily.O200K));
        assertThat(screened.requestFor(GPT).maxTokens()).isNull();
        assertThat(screened.requestFor(CLAUDE).maxTokens())
                .isEqualTo(300 - tokens.estimate(TokenizerFamily.APPROXIMATE));
    }

    @Test
    void aLargeWindowLeavesAnUnsetLimitUnsetAndAClientsLimitIsNeverChanged() {
        RequestScreener screener = screener(128_000, 128_000, RouteScreening.DEFAULTS);

        assertThat(screener.screen(route(GPT), request("hello", null), null).requestFor(GPT).outputTokenLimit()).isNull();
        assertThat(screener.screen(route(GPT), request("hello", 77), null).requestFor(GPT).outputTokenLimit()).isEqualTo(77);
    }

    @Test
    void theCostEstimateCountsThePromptAndTheLargestPossibleAnswer() {
        RequestScreener screener = screener(128_000, 128_000, RouteScreening.DEFAULTS);
        ChatCompletionRequest request = request("hello", 100);
        ScreenedRequest screened = screener.screen(route(GPT), request, "100");

        int prompt = new PromptTokens(TokenCounter.shared(), request).estimate(TokenizerFamily.O200K);
        // gpt-4o-mini here: $1 in, $10 out per million.
        assertThat(screened.plan(GPT).estimatedCostUsd()).isEqualTo((prompt * 1.0 + 100 * 10.0) / 1e6);
    }

    @Test
    void withoutABudgetAPromptFarSmallerThanEveryWindowIsNotTokenized() {
        RequestScreener screener = screener(128_000, 128_000, RouteScreening.DEFAULTS);

        ScreenedRequest plain = screener.screen(route(GPT, CLAUDE), request("hello", 100), null);
        ScreenedRequest budgeted = screener.screen(route(GPT, CLAUDE), request("hello", 100), "1");

        assertThat(plain.plan(GPT).promptCounted()).isFalse();
        assertThat(plain.plan(CLAUDE).promptCounted()).isFalse();
        assertThat(budgeted.plan(GPT).promptCounted()).isTrue();
        assertThat(budgeted.plan(CLAUDE).promptTokens()).isPositive();
    }

    @Test
    void aConversationThatFitsNowhereIsRefusedOrTrimmedAsTheRouteSays() {
        ChatCompletionRequest request = conversation();
        assertThatThrownBy(() -> screener(60, 60, RouteScreening.DEFAULTS).screen(route(GPT), request, null))
                .isInstanceOf(ApiException.class).hasMessageContaining("does not fit the context window");

        RouteScreening trim = new RouteScreening(0, RouteScreening.ContextOverflow.TRIM, null, List.of());
        ScreenedRequest screened = screener(60, 60, trim).screen(route(GPT), request, null);
        assertThat(screened.trimmedMessages()).isEqualTo(2);
        assertThat(screened.request().messages()).hasSize(2);
    }

    private RequestScreener screener(int gptWindow, int claudeWindow, RouteScreening screening) {
        List<ProviderConfig> providers = List.of(
                new ProviderConfig("oa", ProviderKind.OPENAI, null, "k", null, null,
                        List.of(new ModelConfig("gpt-4o-mini", gptWindow, 1.0, 10.0, false))),
                new ProviderConfig("an", ProviderKind.ANTHROPIC, null, "k", null, null,
                        List.of(new ModelConfig("claude", claudeWindow, 1.0, 5.0, false))));
        DetourConfig config = new DetourConfig(ServerConfig.DEFAULTS, providers, List.of(new RouteConfig("r",
                List.of(new TierConfig(List.of(GPT), Duration.ofSeconds(1))), screening)));
        prices = new PriceList(config);
        return new RequestScreener(TokenCounter.shared(), DeploymentProfiles.from(config), RouteScreenings.from(config),
                prices, null);
    }

    private static Route route(DeploymentId... ids) {
        return new Route("r", List.of(new Tier(List.of(ids), Duration.ofSeconds(1))));
    }

    private static String words(int n) {
        return String.join(" ", java.util.Collections.nCopies(n, "cat"));
    }

    private static ChatCompletionRequest request(String text, Integer maxTokens) {
        return new ChatCompletionRequest("r", List.of(ChatMessage.user(text)), null, null, null, null, maxTokens, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ChatCompletionRequest conversation() {
        return new ChatCompletionRequest("r", List.of(ChatMessage.system("Be brief."), ChatMessage.user(words(30)),
                ChatMessage.assistant(words(30), null), ChatMessage.user("and now")), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
