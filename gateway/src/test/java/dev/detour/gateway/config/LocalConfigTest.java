package dev.detour.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalConfigTest {

    @TempDir
    Path temp;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private Path modelFolder(String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("models").resolve(name));
        Files.writeString(dir.resolve("genai_config.json"), "{}");
        Files.writeString(dir.resolve("model.onnx"), "");
        return dir;
    }

    @Test
    void readsEveryKeyAndFindsTheModelFolders() throws IOException {
        modelFolder("tiny");
        Files.createDirectories(temp.resolve("models/not-a-model"));
        LocalConfig local = loader.parse("""
                local:
                  models_dir: %s
                  last_resort: local/tiny
                  tier_timeout: 5s
                  timeout: 20s
                  max_concurrent: 2
                  max_queued: 0
                  max_wait: 250ms
                  intra_op_threads: 2
                  inter_op_threads: 1
                routes:
                  chat: {tiers: [local/tiny]}
                """.formatted(temp.resolve("models")), "detour.yaml").config().local();
        assertThat(local.models()).containsOnlyKeys("tiny");
        assertThat(local).isEqualTo(new LocalConfig(local.models(), "tiny", Duration.ofSeconds(5), 2, 1, 2, 0,
                Duration.ofMillis(250), Duration.ofSeconds(20)));
    }

    @Test
    void withoutASectionTheDefaultsApply() {
        assertThat(loader.parse("server: {port: 0}", "detour.yaml").config().local().models()).isEmpty();
    }

    @Test
    void mistakesAreNamedAtTheirLines() throws IOException {
        modelFolder("tiny");
        assertThatThrownBy(() -> loader.parse("""
                local:
                  models_dir: %s
                  last_resort: huge
                  max_concurrent: 0
                  max_wait: soon
                  threads: 3
                """.formatted(temp.resolve("models")), "detour.yaml"))
                .hasMessageContaining("local.last_resort: no local model 'huge' (found: tiny)")
                .hasMessageContaining("local.max_concurrent: must be at least 1, got 0")
                .hasMessageContaining("local.max_wait:")
                .hasMessageContaining("unknown key 'threads'");
    }

    @Test
    void aMissingModelsFolderIsAProblem() {
        assertThatThrownBy(() -> loader.parse("local: {models_dir: /no/such/folder}", "detour.yaml"))
                .hasMessageContaining("local.models_dir: no such folder '/no/such/folder'");
    }

    @Test
    void aRouteMayNameALocalModelAndAnUnknownOneIsAProblem() throws IOException {
        modelFolder("tiny");
        assertThatThrownBy(() -> loader.parse("""
                local: {models_dir: %s}
                routes:
                  chat: {tiers: [local/tiny, local/other]}
                """.formatted(temp.resolve("models")), "detour.yaml"))
                .hasMessageContaining("unknown model 'other' at provider 'local'");
    }

    @Test
    void aProviderNamedLocalClashesWithLocalModels() throws IOException {
        modelFolder("tiny");
        assertThatThrownBy(() -> loader.parse("""
                providers:
                  local: {kind: ollama, models: [llama3.2]}
                local: {models_dir: %s}
                """.formatted(temp.resolve("models")), "detour.yaml"))
                .hasMessageContaining("a provider is named 'local', the name reserved for local models");
    }
}
