package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.routing.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A valid detour.yaml becomes the records the gateway runs on, with documented defaults where keys are left out. */
class ConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", "sk-test-openai",
            "ANTHROPIC_API_KEY", "sk-ant-test",
            "GEMINI_API_KEY", "gemini-test",
            "DEEPSEEK_API_KEY", "sk-deepseek-test");

    private final ConfigLoader loader = new ConfigLoader(ENV);

    private DetourConfig parse(String yaml) {
        return loader.parse(yaml, "detour.yaml").config();
    }

    private static List<DeploymentId> targets(String... ids) {
        return java.util.Arrays.stream(ids).map(DeploymentId::parse).toList();
    }

    @Test
    void theExampleFileLoadsAsDocumented() {
        DetourConfig config = loader.load(Path.of("..", "detour.example.yaml"));

        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080, 4L * 1024 * 1024, Path.of("data")));
        assertThat(config.providers()).extracting(ProviderConfig::name)
                .containsExactly("openai", "anthropic", "gemini", "deepseek", "ollama");
        assertThat(config.providers()).extracting(ProviderConfig::kind).containsExactly(ProviderKind.OPENAI,
                ProviderKind.ANTHROPIC, ProviderKind.GEMINI, ProviderKind.OPENAI_COMPATIBLE, ProviderKind.OLLAMA);

        ProviderConfig openai = config.provider("openai");
        assertThat(openai.apiKey()).isEqualTo("sk-test-openai");
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.headers()).as("an empty optional header is left out").isEmpty();
        assertThat(openai.model("gpt-4.1")).as("details from the built-in catalog")
                .isEqualTo(new ModelConfig("gpt-4.1", 1047576, 2.00, 8.00, false));
        assertThat(openai.model("text-embedding-3-small").embedding()).isTrue();

        assertThat(config.provider("deepseek").baseUrl()).isEqualTo("https://api.deepseek.com");
        assertThat(config.provider("ollama").apiKey()).isNull();
        assertThat(config.provider("ollama").baseUrl()).isEqualTo("http://localhost:11434");

        RouteConfig chat = config.routes().get(0);
        assertThat(chat.name()).isEqualTo("chat");
        assertThat(chat.strategy()).isEqualTo(Strategy.CHEAPEST_FIRST);
        assertThat(chat.tiers()).containsExactly(
                new TierConfig(targets("openai/gpt-4o-mini", "gemini/gemini-2.5-flash"), Duration.ofSeconds(2),
                        Duration.ofSeconds(10), Duration.ofSeconds(60), null),
                new TierConfig(targets("anthropic/claude-haiku-4-5", "deepseek/deepseek-chat"), Duration.ofSeconds(3)),
                new TierConfig(targets("ollama/llama3.2"), Duration.ofSeconds(3)));
        assertThat(config.routes()).extracting(RouteConfig::name)
                .containsExactly("chat", "balanced", "gpt-4.1", "embeddings");
        assertThat(config.routes().get(1).tiers().get(0).weights()).containsExactly(3, 1);
        assertThat(config.routes().get(3).tiers().get(0).timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.routing()).as("the example spells out the defaults").isEqualTo(RoutingConfig.DEFAULTS);
    }

    @Test
    void loadingAFileNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("detour.yaml");
        Files.writeString(file, "server:\n  port: x\n");
        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":2:9: server.port: expected a whole number, got 'x'");
    }

    @Test
    void anEmptyFileMeansAllDefaultsAndNoProviders() {
        LoadedConfig loaded = loader.parse("", "detour.yaml");
        assertThat(loaded.config()).isEqualTo(new DetourConfig(ServerConfig.DEFAULTS, List.of(), List.of())
                .withCache(CacheConfig.DEFAULTS));
        assertThat(loaded.notes()).contains("no providers configured: no route can answer yet");
    }

    @Test
    void providerDefaultsComeFromTheFamily() {
        DetourConfig config = parse("""
                providers:
                  openai: {kind: openai, api_key: a}
                  anthropic: {kind: anthropic, api_key: b}
                  gemini: {kind: gemini, api_key: c}
                  mistral: {kind: mistral, api_key: d}
                  ollama: {kind: ollama}
                """);
        assertThat(config.providers()).extracting(ProviderConfig::baseUrl).containsExactly(
                "https://api.openai.com/v1",
                "https://api.anthropic.com/v1",
                "https://generativelanguage.googleapis.com/v1beta",
                "https://api.mistral.ai/v1",
                "http://localhost:11434");
        assertThat(config.providers()).allSatisfy(p -> {
            assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.models()).as("built-in models of " + p.name()).isNotEmpty();
        });
        assertThat(config.provider("ollama").apiKey()).isNull();
    }

    @Test
    void anOpenAiCompatibleProviderAtAKnownUrlGetsThatServicesModels() {
        DetourConfig config = parse("""
                providers:
                  ds:
                    kind: openai-compatible
                    base_url: https://api.deepseek.com/
                    api_key: ${DEEPSEEK_API_KEY}
                """);
        ProviderConfig deepseek = config.provider("ds");
        assertThat(deepseek.baseUrl()).as("stored without a trailing slash").isEqualTo("https://api.deepseek.com");
        assertThat(deepseek.models()).extracting(ModelConfig::name).containsExactly("deepseek-chat", "deepseek-reasoner");
        assertThat(deepseek.apiKey()).isEqualTo("sk-deepseek-test");
    }

    @Test
    void modelDetailsOverrideTheCatalogOneByOne() {
        DetourConfig config = parse("""
                providers:
                  openai:
                    kind: openai
                    api_key: a
                    connect_timeout: 500ms
                    headers: {OpenAI-Project: proj_1}
                    models:
                      gpt-4o-mini: {output_price: 0.5}
                      my-finetune: {context_window: 16_384, input_price: 3, output_price: 12}
                """);
        ProviderConfig openai = config.provider("openai");
        assertThat(openai.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(openai.headers()).containsExactly(Map.entry("OpenAI-Project", "proj_1"));
        assertThat(openai.models()).containsExactly(
                new ModelConfig("gpt-4o-mini", 128000, 0.15, 0.5, false),
                new ModelConfig("my-finetune", 16384, 3.0, 12.0, false));
    }

    @Test
    void aModelWithoutPricesIsFreeAndTheLogSaysSo() {
        LoadedConfig loaded = loader.parse("""
                providers:
                  vllm:
                    kind: openai-compatible
                    base_url: http://gpu-box:8000/v1
                    models:
                      qwen3-32b: {context_window: 32768}
                """, "detour.yaml");
        assertThat(loaded.config().provider("vllm").model("qwen3-32b"))
                .isEqualTo(new ModelConfig("qwen3-32b", 32768, 0.0, 0.0, false));
        assertThat(loaded.notes()).contains("providers.vllm.models.qwen3-32b: no input_price given, counted as free");
    }

    @Test
    void tiersMayBeWrittenInFullAsAListOrAsOneTarget() {
        DetourConfig config = parse("""
                providers:
                  openai: {kind: openai, api_key: a}
                  anthropic: {kind: anthropic, api_key: b}
                routes:
                  chat:
                    tiers:
                      - targets: [openai/gpt-4o-mini]
                        timeout: 1500ms
                      - [anthropic/claude-haiku-4-5, openai/gpt-4.1-mini]
                      - anthropic/claude-sonnet-4-5
                      - {targets: openai/gpt-4.1, timeout: 1m}
                """);
        assertThat(config.routes().get(0).tiers()).containsExactly(
                new TierConfig(targets("openai/gpt-4o-mini"), Duration.ofMillis(1500)),
                new TierConfig(targets("anthropic/claude-haiku-4-5", "openai/gpt-4.1-mini"), Duration.ofSeconds(3)),
                new TierConfig(targets("anthropic/claude-sonnet-4-5"), Duration.ofSeconds(3)),
                new TierConfig(targets("openai/gpt-4.1"), Duration.ofMinutes(1)));
    }

    @Test
    void aFirstTierWaitsTwoSecondsAndLaterTiersThree() {
        DetourConfig config = parse("""
                providers:
                  openai: {kind: openai, api_key: a}
                routes:
                  chat: {tiers: [openai/gpt-4o-mini, openai/gpt-4.1-mini, openai/gpt-4.1]}
                """);
        assertThat(config.routes().get(0).tiers()).extracting(TierConfig::timeout)
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void aRouteMayBeNamedLikeAModel() {
        DetourConfig config = parse("""
                providers:
                  openai: {kind: openai, api_key: a, models: [gpt-4o-mini]}
                  anthropic: {kind: anthropic, api_key: b, models: [claude-haiku-4-5]}
                routes:
                  gpt-4o-mini:
                    tiers: [openai/gpt-4o-mini, anthropic/claude-haiku-4-5]
                """);
        assertThat(config.routes()).extracting(RouteConfig::name).containsExactly("gpt-4o-mini");
    }

    @Test
    void withoutARoutesSectionEachModelIsARouteOfItsOwn() {
        LoadedConfig loaded = loader.parse("""
                providers:
                  openai: {kind: openai, api_key: a, models: [gpt-4o-mini]}
                  azure-like: {kind: openai-compatible, base_url: https://llm.example.com/v1, models: {gpt-4o-mini: {context_window: 128000}}}
                """, "detour.yaml");
        assertThat(loaded.config().routes()).containsExactly(new RouteConfig("gpt-4o-mini",
                List.of(new TierConfig(targets("openai/gpt-4o-mini", "azure-like/gpt-4o-mini"), Duration.ofSeconds(2)))));
        assertThat(loaded.notes()).contains("no routes section: one route per model name (1 routes)");
    }

    @Test
    void serverSettingsAcceptSizesWithUnits() {
        DetourConfig config = parse("""
                server:
                  host: 0.0.0.0
                  port: 0
                  max_body_bytes: 512KiB
                """);
        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 0, 512 * 1024, Path.of("data")));
    }

    @Test
    void severalAccountsOfOneKindAreToldApartByName() {
        DetourConfig config = parse("""
                providers:
                  openai.eu: {kind: openai, api_key: a, base_url: "https://eu.api.openai.com/v1", models: [gpt-4o-mini]}
                  openai.us: {kind: openai, api_key: b, models: [gpt-4o-mini]}
                routes:
                  chat: {tiers: [[openai.eu/gpt-4o-mini], [openai.us/gpt-4o-mini]]}
                """);
        assertThat(config.provider("openai.eu").baseUrl()).isEqualTo("https://eu.api.openai.com/v1");
        assertThat(config.routes().get(0).tiers()).extracting(t -> t.targets().get(0))
                .containsExactly(new DeploymentId("openai.eu", "gpt-4o-mini"), new DeploymentId("openai.us", "gpt-4o-mini"));
    }

    @Test
    void targetsMayNameModelsWithASlash() {
        DetourConfig config = parse("""
                providers:
                  groq:
                    kind: openai-compatible
                    base_url: https://api.groq.com/openai/v1
                routes:
                  oss: {tiers: [groq/openai/gpt-oss-120b]}
                """);
        assertThat(config.routes().get(0).tiers().get(0).targets())
                .containsExactly(new DeploymentId("groq", "openai/gpt-oss-120b"));
    }
}
