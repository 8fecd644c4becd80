package dev.detour.gateway.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every validation error names the file, line, column and field, in words a user can act on. */
class ConfigValidationTest {

    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", "sk-test-openai",
            "ANTHROPIC_API_KEY", "sk-ant-test");

    private final ConfigLoader loader = new ConfigLoader(ENV);

    private String problemsIn(String yaml) {
        var thrown = assertThatThrownBy(() -> loader.parse(yaml, "detour.yaml")).isInstanceOf(ConfigException.class);
        return ((ConfigException) thrown.actual()).getMessage();
    }

    @Test
    void unknownProviderInATargetIsReportedWithItsLineColumnAndPath() {
        String yaml = """
                server: {port: 8080}
                providers:
                  openai:
                    kind: openai
                    api_key: ${OPENAI_API_KEY}
                  anthropic:
                    kind: anthropic
                    api_key: ${ANTHROPIC_API_KEY}
                routes:
                  chat:
                    tiers:
                    - [openai/gpt-4o-mini]
                    - targets:
                      - anthropik/claude-haiku-4-5
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:14:9: routes.chat.tiers[1].targets[0]: unknown provider 'anthropik' (known: openai, anthropic)");
    }

    @Test
    void unknownKeySuggestsTheKeyThatWasMeant() {
        String yaml = """
                providers:
                  openai:
                    kind: openai
                    api_key: k
                    base_ulr: https://example.com
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:5:5: providers.openai.base_ulr: unknown key 'base_ulr', did you mean 'base_url'?");
    }

    @Test
    void unknownKeyInAnotherSpellingSuggestsTheSnakeCaseKey() {
        String yaml = """
                server:
                  maxBodyBytes: 1MiB
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:2:3: server.maxBodyBytes: unknown key 'maxBodyBytes', did you mean 'max_body_bytes'?");
    }

    @Test
    void unknownKeyWithNothingCloseListsTheAllowedKeys() {
        assertThat(problemsIn("budgets: {}\n")).isEqualTo(
                "detour.yaml:1:1: budgets: unknown key 'budgets' (expected one of: server, providers, routes, routing, prices, idempotency, local, cache)");
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
        String yaml = """
                server:
                  port: eighty
                providers: [openai]
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:2:9: server.port: expected a whole number, got 'eighty'
                detour.yaml:3:12: providers: expected a mapping (key: value lines), got a list""");
    }

    @Test
    void numbersMustBeWholeWhereTokensOrPortsAreCounted() {
        String yaml = """
                server:
                  port: 80.5
                providers:
                  local:
                    kind: ollama
                    models:
                      big: {context_window: 99999999999}
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:2:9: server.port: expected a whole number, got '80.5'
                detour.yaml:7:29: providers.local.models.big.context_window: expected a whole number up to 2147483647, got '99999999999'""");
    }

    @Test
    void providerKindIsRequired() {
        String yaml = """
                providers:
                  openai:
                    api_key: k
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:2:3: providers.openai: missing 'kind' "
                + "(one of: openai, openai-compatible, anthropic, gemini, mistral, ollama)");
    }

    @Test
    void unknownKindSuggestsTheClosestKind() {
        String yaml = """
                providers:
                  claude:
                    kind: antropic
                    api_key: k
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:3:11: providers.claude.kind: unknown kind 'antropic', "
                + "did you mean 'anthropic'? (one of: openai, openai-compatible, anthropic, gemini, mistral, ollama)");
    }

    @Test
    void openAiCompatibleProvidersNeedABaseUrl() {
        String yaml = """
                providers:
                  deepseek:
                    kind: openai-compatible
                    models: {deepseek-chat: {context_window: 128000}}
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:2:3: providers.deepseek: missing 'base_url' (required for kind openai-compatible)");
    }

    @Test
    void hostedProvidersNeedAKey() {
        String yaml = """
                providers:
                  anthropic:
                    kind: anthropic
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:2:3: providers.anthropic: missing 'api_key' "
                + "(required for kind anthropic; for example api_key: ${ANTHROPIC_API_KEY})");
    }

    @Test
    void anEmptyKeyFromTheEnvironmentIsReportedWithoutAValue() {
        var emptyKeyLoader = new ConfigLoader(Map.of("OPENAI_API_KEY", " "));
        String yaml = """
                providers:
                  openai:
                    kind: openai
                    api_key: ${OPENAI_API_KEY}
                """;
        assertThatThrownBy(() -> emptyKeyLoader.parse(yaml, "detour.yaml")).hasMessage(
                "detour.yaml:4:14: providers.openai.api_key: api_key is empty (from '${OPENAI_API_KEY}')");
    }

    @Test
    void baseUrlsMustBeHttpUrls() {
        String yaml = """
                providers:
                  vllm:
                    kind: openai-compatible
                    base_url: ftp://gpu-box/v1
                    models: {llama: {context_window: 8192}}
                  other:
                    kind: openai-compatible
                    base_url: localhost:8000
                    models: {llama: {context_window: 8192}}
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:4:15: providers.vllm.base_url: expected an http:// or https:// URL, got 'ftp://gpu-box/v1'
                detour.yaml:8:15: providers.other.base_url: expected an http:// or https:// URL, got 'localhost:8000'""");
    }

    @Test
    void duplicateProviderNamesAreReportedAtTheSecond() {
        String yaml = """
                providers:
                  openai:
                    kind: openai
                    api_key: a
                  openai:
                    kind: openai
                    api_key: b
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:5:3: providers.openai: duplicate key 'openai' (first written at line 2)");
    }

    @Test
    void duplicateRouteNamesAreReportedAtTheSecond() {
        String yaml = """
                providers:
                  openai: {kind: openai, api_key: a}
                routes:
                  chat: {tiers: [openai/gpt-4o-mini]}
                  chat: {tiers: [openai/gpt-4o]}
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:5:3: routes.chat: duplicate key 'chat' (first written at line 4)");
    }

    @Test
    void providerNamesCannotHoldASlash() {
        String yaml = """
                providers:
                  open/ai: {kind: openai, api_key: a}
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:2:3: providers.open/ai: a provider name uses letters, "
                + "digits, '.', '_' and '-' only (routes name a model as provider/model)");
    }

    @Test
    void targetsMustNameAModelTheProviderHas() {
        String yaml = """
                providers:
                  openai:
                    kind: openai
                    api_key: a
                    models: [gpt-4o-mini, gpt-4o]
                routes:
                  chat:
                    tiers:
                      - openai/gpt-4o-mni
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:9:9: routes.chat.tiers[0]: unknown model 'gpt-4o-mni' "
                + "at provider 'openai', did you mean 'gpt-4o-mini'? (known: gpt-4o-mini, gpt-4o)");
    }

    @Test
    void targetsMustBeWrittenProviderSlashModel() {
        String yaml = """
                providers:
                  openai: {kind: openai, api_key: a}
                routes:
                  chat:
                    tiers: [[gpt-4o-mini]]
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:5:14: routes.chat.tiers[0][0]: expected provider/model, got 'gpt-4o-mini'");
    }

    @Test
    void aTargetListedTwiceInARouteIsReported() {
        String yaml = """
                providers:
                  openai: {kind: openai, api_key: a}
                routes:
                  chat:
                    tiers:
                      - [openai/gpt-4o-mini, openai/gpt-4o]
                      - [openai/gpt-4o-mini]
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:7:10: routes.chat.tiers[1][0]: openai/gpt-4o-mini is "
                + "already a target of this route, at routes.chat.tiers[0][0]");
    }

    @Test
    void aRouteCannotMixChatAndEmbeddingModels() {
        String yaml = """
                providers:
                  openai: {kind: openai, api_key: a}
                routes:
                  chat:
                    tiers: [[openai/gpt-4o-mini, openai/text-embedding-3-small]]
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:5:34: routes.chat.tiers[0][1]: "
                + "openai/text-embedding-3-small is an embedding model, but this route also serves chat "
                + "(openai/gpt-4o-mini at routes.chat.tiers[0][0])");
    }

    @Test
    void routesNeedTiersAndTiersNeedTargets() {
        String yaml = """
                providers:
                  openai: {kind: openai, api_key: a}
                routes:
                  chat: {}
                  fast:
                    tiers:
                      - targets: []
                      - timeout: 2s
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:4:3: routes.chat: missing 'tiers' (a list of tiers, each a list of provider/model targets)
                detour.yaml:7:9: routes.fast.tiers[0]: a tier needs at least one target
                detour.yaml:8:9: routes.fast.tiers[1]: missing 'targets' (a list of provider/model)""");
    }

    @Test
    void contextWindowsMustBePositiveAndPricesNotNegative() {
        String yaml = """
                providers:
                  local:
                    kind: ollama
                    models:
                      llama3.2:
                        context_window: 0
                        input_price: -1
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:6:25: providers.local.models.llama3.2.context_window: must be a positive number of tokens, got 0
                detour.yaml:7:22: providers.local.models.llama3.2.input_price: a price cannot be negative, got -1.0""");
    }

    @Test
    void aModelDetourDoesNotKnowNeedsItsContextWindow() {
        String yaml = """
                providers:
                  local:
                    kind: ollama
                    models:
                      my-finetune: {input_price: 0}
                      other: [8192]
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:5:7: providers.local.models.my-finetune: missing 'context_window' (Detour has no built-in value for model 'my-finetune')
                detour.yaml:6:14: providers.local.models.other: expected a mapping (key: value lines), got a list""");
    }

    @Test
    void theShortModelListAcceptsOnlyModelsDetourKnows() {
        String yaml = """
                providers:
                  openai:
                    kind: openai
                    api_key: a
                    models: [gpt-4o-mini, gpt-9]
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:5:27: providers.openai.models[1]: Detour has no built-in "
                + "details for model 'gpt-9' here: write it as 'gpt-9: {context_window: ...}' under models");
    }

    @Test
    void aProviderDetourDoesNotKnowNeedsItsModels() {
        String yaml = """
                providers:
                  vllm:
                    kind: openai-compatible
                    base_url: http://gpu-box:8000/v1
                """;
        assertThat(problemsIn(yaml)).isEqualTo("detour.yaml:2:3: providers.vllm: missing 'models' "
                + "(Detour has no built-in model list for this provider)");
    }

    @Test
    void durationsNeedAUnitAndTimeoutsMustBePositive() {
        String yaml = """
                providers:
                  openai: {kind: openai, api_key: a, connect_timeout: 2}
                routes:
                  chat:
                    tiers:
                      - {targets: [openai/gpt-4o-mini], timeout: 0s}
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:2:55: providers.openai.connect_timeout: expected a duration with a unit, like 1500ms, 2s or 1m, got '2'
                detour.yaml:6:50: routes.chat.tiers[0].timeout: must be longer than 0""");
    }

    @Test
    void serverPortAndBodySizeAreRangeChecked() {
        String yaml = """
                server:
                  port: 70000
                  max_body_bytes: 4 parsecs
                """;
        assertThat(problemsIn(yaml)).isEqualTo("""
                detour.yaml:2:9: server.port: a port is between 1 and 65535 (0 picks a free one), got 70000
                detour.yaml:3:19: server.max_body_bytes: unknown size unit 'parsecs' (use B, KB, MB, GB, KiB, MiB or GiB), got '4 parsecs'""");
    }

    @Test
    void anUnsetVariableIsReportedWithItsNameAndField() {
        var bareLoader = new ConfigLoader(Map.of());
        String yaml = """
                providers:
                  openai:
                    kind: openai
                    api_key: ${OPENAI_API_KEY}
                """;
        assertThatThrownBy(() -> bareLoader.parse(yaml, "detour.yaml")).hasMessage(
                "detour.yaml:4:14: providers.openai.api_key: environment variable OPENAI_API_KEY is not set "
                        + "(write ${OPENAI_API_KEY:-default} to give a default)");
    }

    @Test
    void yamlAliasesAreRefusedRatherThanMisread() {
        String yaml = """
                providers:
                  openai: &shared {kind: openai, api_key: a}
                  backup: *shared
                """;
        assertThat(problemsIn(yaml)).isEqualTo(
                "detour.yaml:3:11: providers.backup: YAML aliases (*shared) are not supported: write the value out");
    }

    @Test
    void syntaxErrorsGiveAPositionButNeverQuoteTheFile() {
        String yaml = """
                providers:
                  openai:
                    api_key: sk-literal-secret-123
                   kind: openai
                """;
        String message = problemsIn(yaml);
        assertThat(message).startsWith("detour.yaml:4:").contains("YAML syntax error");
        assertThat(message).doesNotContain("sk-literal-secret-123");
    }

    @Test
    void anUnquotedVariableInsideBracesGetsAHint() {
        String message = problemsIn("""
                providers:
                  openai: {kind: openai, api_key: ${OPENAI_API_KEY}}
                """);
        assertThat(message).startsWith("detour.yaml:2:").contains("YAML syntax error")
                .endsWith("(inside { } or [ ], quote interpolated values: \"${NAME}\")");
    }

    @Test
    void everyProblemIsReportedInOneGoInSourceOrder() {
        String yaml = """
                server:
                  port: -1
                providers:
                  openai: {kind: openia, api_key: a}
                routes:
                  chat: {tiers: [nowhere/model]}
                """;
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> loader.parse(yaml, "detour.yaml"));
        assertThat(e.problems()).extracting(ConfigProblem::path)
                .containsExactly("server.port", "providers.openai.kind", "routes.chat.tiers[0]");
        assertThat(e.getMessage().lines()).hasSize(3);
    }

    @Test
    void aMissingFileIsNamedInTheError() {
        assertThatThrownBy(() -> loader.load(java.nio.file.Path.of("no-such-dir", "detour.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(java.nio.file.Path.of("no-such-dir", "detour.yaml") + ": no such file");
    }
}
