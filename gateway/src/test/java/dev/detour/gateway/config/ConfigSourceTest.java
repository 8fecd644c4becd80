package dev.detour.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The config comes from --config, else $DETOUR_CONFIG, else ./detour.yaml, else the environment. */
class ConfigSourceTest {

    @TempDir
    Path workingDir;

    private Path write(String name, String yaml) throws IOException {
        Path file = workingDir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    @Test
    void anExplicitPathWinsOverEverythingElse() throws IOException {
        write("detour.yaml", "");
        write("from-env.yaml", "");
        ConfigSource source = ConfigSource.resolve(Path.of("explicit.yaml"),
                Map.of("DETOUR_CONFIG", "from-env.yaml"), workingDir);
        assertThat(source).isEqualTo(new ConfigSource(workingDir.resolve("explicit.yaml"), "command line"));
    }

    @Test
    void detourConfigWinsOverTheWorkingDirectoryFile() throws IOException {
        write("detour.yaml", "");
        ConfigSource source = ConfigSource.resolve(null, Map.of("DETOUR_CONFIG", "conf/prod.yaml"), workingDir);
        assertThat(source).isEqualTo(new ConfigSource(workingDir.resolve("conf/prod.yaml"), "DETOUR_CONFIG"));
    }

    @Test
    void anAbsoluteDetourConfigIsUsedAsIs() {
        Path elsewhere = workingDir.resolve("elsewhere/detour.yaml").toAbsolutePath();
        assertThat(ConfigSource.resolve(null, Map.of("DETOUR_CONFIG", elsewhere.toString()), workingDir).file())
                .isEqualTo(elsewhere);
    }

    @Test
    void theWorkingDirectoryFileIsUsedWhenPresent() throws IOException {
        write("detour.yaml", "");
        ConfigSource source = ConfigSource.resolve(null, Map.of("DETOUR_CONFIG", " "), workingDir);
        assertThat(source).isEqualTo(new ConfigSource(workingDir.resolve("detour.yaml"), "working directory"));
    }

    @Test
    void withNoFileTheEnvironmentIsTheSource() {
        ConfigSource source = ConfigSource.resolve(null, Map.of(), workingDir);
        assertThat(source.isFile()).isFalse();
        assertThat(source.origin()).isEqualTo("environment");

        LoadedConfig loaded = source.load(Map.of("OPENAI_API_KEY", "k"));
        assertThat(loaded.config().provider("openai")).isNotNull();
        assertThat(loaded.notes().get(0)).isEqualTo("no config file: providers found from environment variables");
    }

    @Test
    void aFileSourceLoadsTheFileAndSaysWhereItCameFrom() throws IOException {
        Path file = write("conf/detour.yaml", "server: {port: 9000}\nproviders:\n  local: {kind: ollama}\n");
        ConfigSource source = ConfigSource.resolve(null, Map.of("DETOUR_CONFIG", "conf/detour.yaml"), workingDir);

        LoadedConfig loaded = source.load(Map.of("OPENAI_API_KEY", "ignored when a file is given"));
        assertThat(loaded.config().server().port()).isEqualTo(9000);
        assertThat(loaded.config().providers()).extracting(ProviderConfig::name).containsExactly("local");
        assertThat(loaded.notes().get(0)).isEqualTo("config from " + file + " (DETOUR_CONFIG)");
    }

    @Test
    void aNamedFileThatIsMissingIsAnErrorNotAFallback() {
        ConfigSource source = ConfigSource.resolve(null, Map.of("DETOUR_CONFIG", "typo.yaml"), workingDir);
        assertThatThrownBy(() -> source.load(Map.of("OPENAI_API_KEY", "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(workingDir.resolve("typo.yaml") + ": no such file");
    }
}
