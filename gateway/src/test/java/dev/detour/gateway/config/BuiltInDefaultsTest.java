package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in catalog is consistent: every family has a home, every default-route target exists. */
class BuiltInDefaultsTest {

    private final BuiltInDefaults defaults = BuiltInDefaults.load();

    @Test
    void everyFamilyButOpenAiCompatibleHasADefaultBaseUrl() {
        for (ProviderKind kind : ProviderKind.values()) {
            if (kind == ProviderKind.OPENAI_COMPATIBLE) {
                assertThat(defaults.baseUrl(kind)).isNull();
            } else {
                assertThat(defaults.baseUrl(kind)).as(kind.configName()).startsWith("http");
            }
        }
    }

    @Test
    void everyPresetCanBeFoundAndHasChatModels() {
        assertThat(defaults.presets()).extracting(ProviderPreset::name)
                .containsExactly("openai", "anthropic", "gemini", "mistral", "deepseek", "qwen", "groq", "ollama");
        assertThat(defaults.presets()).allSatisfy(preset -> {
            assertThat(preset.apiKeyVariables().isEmpty() && preset.baseUrlVariable() == null)
                    .as(preset.name() + " is discoverable").isFalse();
            assertThat(preset.models()).as(preset.name()).anyMatch(m -> !m.embedding());
            assertThat(preset.baseUrl() != null || defaults.baseUrl(preset.kind()) != null).isTrue();
        });
    }

    @Test
    void theDefaultRouteNamesOnlyChatModelsOfPresetsAndCoversEveryPreset() {
        List<DeploymentId> all = defaults.defaultRoute().stream().flatMap(List::stream).toList();
        for (DeploymentId target : all) {
            ProviderPreset preset = defaults.presets().stream()
                    .filter(p -> p.name().equals(target.provider())).findFirst().orElseThrow();
            assertThat(preset.model(target.model())).as(target.toString()).isNotNull()
                    .extracting(ModelConfig::embedding).isEqualTo(false);
        }
        Set<String> providersInRoute = all.stream().map(DeploymentId::provider).collect(Collectors.toSet());
        assertThat(providersInRoute).containsExactlyInAnyOrderElementsOf(
                defaults.presets().stream().map(ProviderPreset::name).toList());
    }

    @Test
    void openAiCompatiblePresetsAreMatchedByBaseUrl() {
        assertThat(defaults.presetFor(ProviderKind.OPENAI_COMPATIBLE, "https://api.groq.com/openai/v1").name())
                .isEqualTo("groq");
        assertThat(defaults.presetFor(ProviderKind.OPENAI_COMPATIBLE, "http://localhost:8000/v1")).isNull();
        assertThat(defaults.presetFor(ProviderKind.MISTRAL, null).name()).isEqualTo("mistral");
    }

    @Test
    void theUserDocumentationListsEveryBuiltInModelAsTheCatalogHasIt() throws IOException {
        String doc = Files.readString(Path.of("..", "README.md"));
        for (ProviderPreset preset : defaults.presets()) {
            for (ModelConfig model : preset.models()) {
                String rowStart = "| " + preset.name() + " | `" + model.name() + "`";
                String row = doc.lines().filter(line -> line.startsWith(rowStart)).findFirst().orElse(null);
                assertThat(row).as(rowStart).isNotNull();
                String[] cells = row.split("\\|");
                assertThat(cells[3].trim().replace(",", "")).as(row).isEqualTo(String.valueOf(model.contextWindow()));
                assertThat(Double.parseDouble(cells[4].trim())).as(row).isEqualTo(model.inputPricePerMillion());
                if (!model.embedding()) {
                    assertThat(Double.parseDouble(cells[5].trim())).as(row).isEqualTo(model.outputPricePerMillion());
                }
            }
        }
    }

    @Test
    void aBrokenCatalogFailsWithItsProblems() {
        assertThatThrownBy(() -> BuiltInDefaultsReader.read("providers:\n  x: {kind: nope}\n", "catalog.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("catalog.yaml:2:3: providers.x: missing or unknown kind");
    }
}
