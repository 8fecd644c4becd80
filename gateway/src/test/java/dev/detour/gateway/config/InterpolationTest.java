package dev.detour.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code ${NAME}} and {@code ${NAME:-default}} fill config strings from the environment, and secrets never leak. */
class InterpolationTest {

    private static final String SECRET = "sk-proj-THIS-MUST-NEVER-BE-PRINTED";

    private final EnvInterpolator interpolator = new EnvInterpolator(Map.of(
            "HOST", "llm.example.com", "EMPTY", "", "PORT", "8443"));

    @Test
    void replacesVariablesAnywhereInAString() {
        assertThat(interpolator.interpolate("https://${HOST}:${PORT}/v1").value())
                .isEqualTo("https://llm.example.com:8443/v1");
    }

    @Test
    void usesTheDefaultWhenTheVariableIsUnsetOrEmpty() {
        assertThat(interpolator.interpolate("${MISSING:-fallback}").value()).isEqualTo("fallback");
        assertThat(interpolator.interpolate("${EMPTY:-fallback}").value()).isEqualTo("fallback");
        assertThat(interpolator.interpolate("${HOST:-fallback}").value()).isEqualTo("llm.example.com");
        assertThat(interpolator.interpolate("${MISSING:-}").value()).isEmpty();
    }

    @Test
    void anEmptyVariableWithoutADefaultIsEmpty() {
        assertThat(interpolator.interpolate("[${EMPTY}]").value()).isEqualTo("[]");
    }

    @Test
    void reportsEveryUnsetVariable() {
        Interpolation result = interpolator.interpolate("${A}-${HOST}-${B}");
        assertThat(result.ok()).isFalse();
        assertThat(result.unsetVariables()).containsExactly("A", "B");
    }

    @Test
    void doubleDollarWritesALiteral() {
        assertThat(interpolator.interpolate("price $5, literal $${HOST}").value())
                .isEqualTo("price $5, literal ${HOST}");
    }

    @Test
    void malformedReferencesAreSyntaxErrors() {
        assertThat(interpolator.interpolate("${HOST").syntaxError()).contains("without a closing '}'");
        assertThat(interpolator.interpolate("${1X}").syntaxError()).contains("is not ${NAME} or ${NAME:-default}");
        assertThat(interpolator.interpolate("${}").syntaxError()).isNotNull();
    }

    @Test
    void numbersAndDurationsMayComeFromVariables() {
        var loader = new ConfigLoader(Map.of("PORT", "9090", "BODY", "1MiB"));
        var config = loader.parse("""
                server:
                  port: ${PORT}
                  max_body_bytes: ${BODY}
                  host: ${HOST:-localhost}
                """, "detour.yaml").config();
        assertThat(config.server()).isEqualTo(new ServerConfig("localhost", 9090, 1024 * 1024, Path.of("data")));
    }

    @Test
    void aSecretNeverAppearsInAnyErrorMessage() {
        var loader = new ConfigLoader(Map.of("KEY", SECRET));
        Throwable thrown = catchThrowable(() -> loader.parse("""
                server:
                  port: ${KEY}
                  host: "${KEY} x"
                  max_body_bytes: ${KEY}
                providers:
                  openai:
                    kind: ${KEY}
                    api_key: ${KEY}
                    base_url: ${KEY}
                    connect_timeout: ${KEY}
                    headers: {Authorization: "Bearer ${KEY}", X-Other: [1]}
                  other:
                    kind: openai-compatible
                    base_url: https://llm.example.com/v1
                    models:
                      m: {context_window: "${KEY}", input_price: "${KEY}", embedding: "${KEY}"}
                routes:
                  chat:
                    tiers:
                      - ${KEY}
                      - other/${KEY}
                      - {targets: [other/m], timeout: "${KEY}"}
                      - ${KEY}/m
                """, "detour.yaml"));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) thrown).problems()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(thrown.getMessage()).doesNotContain(SECRET).doesNotContain("sk-proj");
        assertThat(thrown.getMessage()).contains("server.port: expected a whole number, got '${KEY}'");
    }

    @Test
    void aSecretNeverAppearsInTheLoadedConfigsText() {
        var loader = new ConfigLoader(Map.of("OPENAI_API_KEY", SECRET));
        LoadedConfig loaded = loader.parse("""
                providers:
                  openai: {kind: openai, api_key: "${OPENAI_API_KEY}"}
                """, "detour.yaml");
        assertThat(loaded.config().provider("openai").apiKey()).isEqualTo(SECRET);
        assertThat(loaded.toString()).doesNotContain(SECRET);
        assertThat(loaded.config().toString()).doesNotContain(SECRET).contains("apiKey=(set)");
        assertThat(loaded.summary()).doesNotContain(SECRET);
    }

    @Test
    void aLiteralKeyInTheFileIsNotQuotedInErrorsEither() {
        var loader = new ConfigLoader(Map.of());
        Throwable thrown = catchThrowable(() -> loader.parse("""
                providers:
                  openai:
                    kind: openai
                    api_key: sk-literal-in-file-1234
                    headers: {X-Key: [sk-literal-in-file-1234]}
                    unknown_thing: 1
                """, "detour.yaml"));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).doesNotContain("sk-literal-in-file-1234");
    }
}
