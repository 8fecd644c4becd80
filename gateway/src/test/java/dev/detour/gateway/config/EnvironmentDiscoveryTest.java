package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no detour.yaml, the usual provider variables are enough to run, and the log says what was found. */
class EnvironmentDiscoveryTest {

    private static List<DeploymentId> targets(String... ids) {
        return java.util.Arrays.stream(ids).map(DeploymentId::parse).toList();
    }

    @Test
    void findsNothingInAnEmptyEnvironmentAndSaysWhatItLookedFor() {
        LoadedConfig loaded = ConfigLoader.fromEnvironment(Map.of("PATH", "/usr/bin"));
        assertThat(loaded.config().providers()).isEmpty();
        assertThat(loaded.config().routes()).isEmpty();
        assertThat(loaded.config().server()).isEqualTo(ServerConfig.DEFAULTS);
        assertThat(loaded.summary()).contains("no provider found (looked for OPENAI_API_KEY, ANTHROPIC_API_KEY, "
                + "GEMINI_API_KEY, GOOGLE_API_KEY, MISTRAL_API_KEY, DEEPSEEK_API_KEY, DASHSCOPE_API_KEY, GROQ_API_KEY, "
                + "OLLAMA_HOST)");
    }

    @Test
    void anOpenAiKeyGivesOpenAiModelsAndARouteForEach() {
        LoadedConfig loaded = ConfigLoader.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-test"));
        ProviderConfig openai = loaded.config().provider("openai");
        assertThat(openai.kind()).isEqualTo(ProviderKind.OPENAI);
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.apiKey()).isEqualTo("sk-test");
        assertThat(openai.model("gpt-4o-mini")).isEqualTo(new ModelConfig("gpt-4o-mini", 128000, 0.15, 0.60, false));
        assertThat(openai.model("text-embedding-3-small").embedding()).isTrue();

        List<RouteConfig> routes = loaded.config().routes();
        assertThat(routes.get(0)).isEqualTo(new RouteConfig("default",
                List.of(new TierConfig(targets("openai/gpt-4o-mini"), Duration.ofSeconds(2)))));
        assertThat(routes).extracting(RouteConfig::name).contains("gpt-4o-mini", "gpt-4.1", "text-embedding-3-small");
        assertThat(routes).filteredOn(r -> r.name().equals("gpt-4.1")).singleElement()
                .isEqualTo(new RouteConfig("gpt-4.1", List.of(new TierConfig(targets("openai/gpt-4.1"), Duration.ofSeconds(2)))));
        assertThat(routes).hasSize(1 + openai.models().size());
    }

    @Test
    void openAiBaseUrlOverridesTheDefault() {
        LoadedConfig loaded = ConfigLoader.fromEnvironment(Map.of(
                "OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", "http://127.0.0.1:4010/v1/"));
        assertThat(loaded.config().provider("openai").baseUrl()).isEqualTo("http://127.0.0.1:4010/v1");
        assertThat(loaded.notes()).contains("found openai (OPENAI_API_KEY, OPENAI_BASE_URL)");
    }

    @Test
    void geminiIsFoundFromEitherVariableAndPrefersGeminiApiKey() {
        assertThat(ConfigLoader.fromEnvironment(Map.of("GOOGLE_API_KEY", "g")).config().provider("gemini").apiKey())
                .isEqualTo("g");
        LoadedConfig both = ConfigLoader.fromEnvironment(Map.of("GOOGLE_API_KEY", "g", "GEMINI_API_KEY", "m"));
        assertThat(both.config().provider("gemini").apiKey()).isEqualTo("m");
        assertThat(both.notes()).contains("found gemini (GEMINI_API_KEY)");
    }

    @ParameterizedTest
    @CsvSource({
            "DEEPSEEK_API_KEY, deepseek, https://api.deepseek.com, deepseek-chat",
            "DASHSCOPE_API_KEY, qwen, https://dashscope-intl.aliyuncs.com/compatible-mode/v1, qwen-plus",
            "GROQ_API_KEY, groq, https://api.groq.com/openai/v1, llama-3.3-70b-versatile"})
    void openAiCompatibleServicesAreFoundAtTheirBaseUrls(String variable, String name, String baseUrl, String model) {
        ProviderConfig provider = ConfigLoader.fromEnvironment(Map.of(variable, "k")).config().provider(name);
        assertThat(provider.kind()).isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
        assertThat(provider.baseUrl()).isEqualTo(baseUrl);
        assertThat(provider.model(model)).isNotNull();
    }

    @Test
    void mistralAndAnthropicAreFoundFromTheirKeys() {
        var config = ConfigLoader.fromEnvironment(Map.of("MISTRAL_API_KEY", "m", "ANTHROPIC_API_KEY", "a")).config();
        assertThat(config.provider("mistral").kind()).isEqualTo(ProviderKind.MISTRAL);
        assertThat(config.provider("anthropic").kind()).isEqualTo(ProviderKind.ANTHROPIC);
        assertThat(config.provider("anthropic").baseUrl()).isEqualTo("https://api.anthropic.com/v1");
    }

    @Test
    void ollamaIsNotAssumedWithoutOllamaHost() {
        assertThat(ConfigLoader.fromEnvironment(Map.of("OPENAI_API_KEY", "k")).config().provider("ollama")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, http://127.0.0.1:11434",
            "127.0.0.1:11500, http://127.0.0.1:11500",
            "gpu-box, http://gpu-box:11434",
            ":11434, http://127.0.0.1:11434",
            "http://gpu-box, http://gpu-box",
            "https://ollama.example.com/, https://ollama.example.com"})
    void ollamaHostIsReadTheWayOllamaReadsIt(String ollamaHost, String baseUrl) {
        ProviderConfig ollama = ConfigLoader.fromEnvironment(Map.of("OLLAMA_HOST", ollamaHost)).config().provider("ollama");
        assertThat(ollama.kind()).isEqualTo(ProviderKind.OLLAMA);
        assertThat(ollama.baseUrl()).isEqualTo(baseUrl);
        assertThat(ollama.apiKey()).isNull();
    }

    @Test
    void theDefaultRouteGoesFromCheapHostedModelsToLocalOnes() {
        LoadedConfig loaded = ConfigLoader.fromEnvironment(Map.of(
                "OLLAMA_HOST", "localhost",
                "DEEPSEEK_API_KEY", "d",
                "ANTHROPIC_API_KEY", "a",
                "OPENAI_API_KEY", "o"));
        assertThat(loaded.config().providers()).extracting(ProviderConfig::name)
                .containsExactly("openai", "anthropic", "deepseek", "ollama");
        RouteConfig defaultRoute = loaded.config().routes().get(0);
        assertThat(defaultRoute).isEqualTo(new RouteConfig("default", List.of(
                new TierConfig(targets("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"), Duration.ofSeconds(2)),
                new TierConfig(targets("deepseek/deepseek-chat"), Duration.ofSeconds(3)),
                new TierConfig(targets("ollama/llama3.2"), Duration.ofSeconds(3)))));
        assertThat(loaded.notes()).contains("route 'default': openai/gpt-4o-mini, anthropic/claude-haiku-4-5 (2s), "
                + "then deepseek/deepseek-chat (3s), then ollama/llama3.2 (3s)");
    }

    @Test
    void theDiscoveredConfigIsOneTheLoaderWouldAccept() {
        // Every route target must name a discovered provider and model, as a detour.yaml would have to.
        var config = ConfigLoader.fromEnvironment(Map.of(
                "OPENAI_API_KEY", "o", "ANTHROPIC_API_KEY", "a", "GEMINI_API_KEY", "g", "MISTRAL_API_KEY", "m",
                "DEEPSEEK_API_KEY", "d", "DASHSCOPE_API_KEY", "q", "GROQ_API_KEY", "r", "OLLAMA_HOST", "h")).config();
        assertThat(config.providers()).hasSize(8);
        assertThat(config.routes()).allSatisfy(route -> assertThat(route.tiers()).allSatisfy(tier ->
                assertThat(tier.targets()).allSatisfy(target ->
                        assertThat(config.provider(target.provider()).model(target.model())).isNotNull())));
        assertThat(config.routes().get(0).tiers()).hasSize(3);
    }

    @Test
    void notesNameVariablesButNeverTheirValues() {
        LoadedConfig loaded = ConfigLoader.fromEnvironment(Map.of(
                "OPENAI_API_KEY", "sk-secret-openai", "ANTHROPIC_API_KEY", "", "GROQ_API_KEY", "gsk-secret-groq",
                "OLLAMA_HOST", "secret-host.internal"));
        assertThat(loaded.notes()).contains("found openai (OPENAI_API_KEY), groq (GROQ_API_KEY), ollama (OLLAMA_HOST)",
                "ANTHROPIC_API_KEY is set but empty: ignored");
        assertThat(loaded.config().provider("anthropic")).isNull();
        assertThat(loaded.summary()).doesNotContain("sk-secret-openai", "gsk-secret-groq", "secret-host");
        assertThat(loaded.toString()).as("a base URL is no secret, but keys are")
                .doesNotContain("sk-secret-openai", "gsk-secret-groq");
    }

    @Test
    void aMalformedUrlVariableIsAnErrorThatDoesNotEchoIt() {
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of(
                "OPENAI_API_KEY", "k", "OPENAI_BASE_URL", "api.openai-proxy.internal/v1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment: OPENAI_BASE_URL: expected an http:// or https:// URL");
    }
}
