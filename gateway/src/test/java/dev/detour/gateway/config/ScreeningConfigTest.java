package dev.detour.gateway.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of cost, context, language and idempotency routing: read as written, and every mistake named. */
class ScreeningConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-test"));

    private static final String PROVIDERS = """
            providers:
              openai:
                kind: openai
                api_key: ${OPENAI_API_KEY}
                models:
                  gpt-4o-mini: {cached_input_price: 0.075, languages: [en, ZH, ja]}
                  my-model: {context_window: 8000, input_price: 1, output_price: 2}
            """;

    @Test
    void routeScreeningModelLanguagesPricesAndIdempotencyAreReadAsWritten() {
        DetourConfig config = loader.parse(PROVIDERS + """
                routes:
                  chat:
                    tiers: [[openai/gpt-4o-mini, openai/my-model]]
                    min_context_window: 16000
                    on_context_overflow: trim
                    max_cost_usd: 0.05
                    languages_required: [zh, ja]
                prices:
                  source: https://prices.example.com/llm.json
                  refresh: 10m
                idempotency:
                  window: 10m
                  max_entries: 500
                """, "detour.yaml").config();

        ModelConfig mini = config.provider("openai").model("gpt-4o-mini");
        assertThat(mini.inputPricePerMillion()).as("built in").isEqualTo(0.15);
        assertThat(mini.cachedInputPricePerMillion()).isEqualTo(0.075);
        assertThat(mini.languages()).containsExactly("en", "zh", "ja");
        ModelConfig mine = config.provider("openai").model("my-model");
        assertThat(mine.cachedInputPricePerMillion()).as("the input price unless said otherwise").isEqualTo(1.0);
        assertThat(mine.languages()).isEmpty();
        assertThat(config.routes().getFirst().screening()).isEqualTo(new RouteScreening(16000,
                RouteScreening.ContextOverflow.TRIM, 0.05, List.of("zh", "ja")));
        assertThat(config.prices()).isEqualTo(new PricesConfig("https://prices.example.com/llm.json", Duration.ofMinutes(10)));
        assertThat(config.idempotency()).isEqualTo(new IdempotencyConfig(Duration.ofMinutes(10), 500));
    }

    @Test
    void leftOutEverythingHasItsDefault() {
        DetourConfig config = loader.parse(PROVIDERS + """
                routes:
                  chat:
                    tiers: [openai/gpt-4o-mini]
                """, "detour.yaml").config();

        assertThat(config.routes().getFirst().screening()).isEqualTo(RouteScreening.DEFAULTS);
        assertThat(config.prices()).isEqualTo(PricesConfig.DEFAULTS);
        assertThat(config.idempotency().window()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aPriceSourceMayBeAFilePath() {
        DetourConfig config = loader.parse("prices: {source: conf/prices.json}\n", "detour.yaml").config();

        assertThat(config.prices().source()).isEqualTo("conf/prices.json");
        assertThat(config.prices().isUrl()).isFalse();
    }

    @Test
    void everyMistakeIsNamedWithItsLineAndField() {
        String problems = problemsIn(PROVIDERS.replace("{cached_input_price: 0.075, languages: [en, ZH, ja]}",
                "{cached_input_price: -1, languages: [en, klingon]}") + """
                routes:
                  chat:
                    tiers: [openai/gpt-4o-mini]
                    min_context_window: 0
                    on_context_overflow: truncate
                    max_cost_usd: free
                    languages_required: [zh, zh]
                prices:
                  source: ftp://prices.example.com/llm.json
                  refresh: 0s
                idempotency:
                  window: forever
                  max_entries: 0
                """);

        assertThat(problems)
                .startsWith("detour.yaml:6:")
                .contains("providers.openai.models.gpt-4o-mini.languages[1]: expected a two-letter ISO 639-1 language code such as en, zh or ja, got 'klingon'")
                .contains("providers.openai.models.gpt-4o-mini.cached_input_price: a price cannot be negative")
                .contains("routes.chat.min_context_window: must be a positive number of tokens, got 0")
                .contains("routes.chat.on_context_overflow: expected reject or trim, got 'truncate'")
                .contains("routes.chat.max_cost_usd: expected a number, got 'free'")
                .contains("routes.chat.languages_required[1]: language 'zh' is listed twice")
                .contains("prices.source: a price source URL must be http or https")
                .contains("prices.refresh: must be at least 1s")
                .contains("idempotency.window:")
                .contains("idempotency.max_entries: must be more than 0, got 0");
    }

    @Test
    void consensusIsOffUnlessARouteAsksAndTakesItsDefaultsFromAnEmptyMapping() {
        DetourConfig config = loader.parse(PROVIDERS + """
                routes:
                  plain:
                    tiers: [[openai/gpt-4o-mini, openai/my-model]]
                  checked:
                    tiers: [[openai/gpt-4o-mini, openai/my-model]]
                    consensus: {}
                  strict:
                    tiers: [[openai/gpt-4o-mini], [openai/my-model]]
                    consensus: {min_similarity: 0.95, max_calls: 2}
                """, "detour.yaml").config();

        assertThat(config.routes().get(0).consensus()).isNull();
        assertThat(config.routes().get(1).consensus()).isEqualTo(new ConsensusConfig(0.8, 3));
        assertThat(config.routes().get(2).consensus()).isEqualTo(new ConsensusConfig(0.95, 2));
    }

    @Test
    void consensusNeedsTwoTargetsASimilarityUpToOneAndTwoCalls() {
        String problems = problemsIn(PROVIDERS + """
                routes:
                  alone:
                    tiers: [openai/gpt-4o-mini]
                    consensus: {}
                  bad:
                    tiers: [[openai/gpt-4o-mini, openai/my-model]]
                    consensus: {min_similarity: 1.5, max_calls: 1}
                  empty:
                    tiers: [[openai/gpt-4o-mini, openai/my-model]]
                    consensus:
                """);

        assertThat(problems)
                .contains("routes.alone.consensus: consensus needs at least 2 targets in the route's tiers, it has 1")
                .contains("routes.bad.consensus.min_similarity: must be more than 0 and at most 1, got 1.5")
                .contains("routes.bad.consensus.max_calls: consensus needs at least 2 calls, got 1")
                .contains("routes.empty.consensus: expected a mapping");
    }

    @Test
    void aTypoInANewKeyGetsASuggestion() {
        assertThat(problemsIn(PROVIDERS + """
                routes:
                  chat:
                    tiers: [openai/gpt-4o-mini]
                    max_cost_usdd: 1
                """)).contains("unknown key 'max_cost_usdd', did you mean 'max_cost_usd'?");
    }

    private String problemsIn(String yaml) {
        var thrown = assertThatThrownBy(() -> loader.parse(yaml, "detour.yaml")).isInstanceOf(ConfigException.class);
        return ((ConfigException) thrown.actual()).getMessage();
    }
}
