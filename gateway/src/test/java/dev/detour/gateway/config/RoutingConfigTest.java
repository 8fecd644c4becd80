package dev.detour.gateway.config;

import dev.detour.gateway.health.HealthPolicy;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Strategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The routing keys: per-tier limits, strategies and weights, the routing section, and their validation. */
class RoutingConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private static final String PROVIDERS = """
            providers:
              a: {kind: openai-compatible, base_url: "http://127.0.0.1:1/v1", models: {m1: {context_window: 1000}, m2: {context_window: 1000}, m3: {context_window: 1000}}}
            """;

    private DetourConfig load(String yaml) {
        return loader.parse(PROVIDERS + yaml, "detour.yaml").config();
    }

    private String problemsIn(String yaml) {
        var thrown = assertThatThrownBy(() -> loader.parse(PROVIDERS + yaml, "detour.yaml"))
                .isInstanceOf(ConfigException.class);
        return ((ConfigException) thrown.actual()).getMessage();
    }

    @Test
    void aTierTakesThreeLimitsAStrategyAndWeightedTargets() {
        DetourConfig config = load("""
                routes:
                  chat:
                    strategy: cheapest-first
                    tiers:
                      - targets: [{target: a/m1, weight: 3}, a/m2]
                        first_token_timeout: 1500ms
                        idle_timeout: 5s
                        total_timeout: 40s
                      - {targets: [a/m3], timeout: 4s}
                """);

        RouteConfig chat = config.routes().getFirst();
        assertThat(chat.strategy()).isEqualTo(Strategy.CHEAPEST_FIRST);
        assertThat(chat.tiers().getFirst()).isEqualTo(new TierConfig(
                List.of(new DeploymentId("a", "m1"), new DeploymentId("a", "m2")), Duration.ofMillis(1500),
                Duration.ofSeconds(5), Duration.ofSeconds(40), List.of(3, 1)));
        assertThat(chat.tiers().get(1)).isEqualTo(new TierConfig(List.of(new DeploymentId("a", "m3")),
                Duration.ofSeconds(4)));
    }

    @Test
    void withoutARoutingSectionTheDefaultsApply() {
        DetourConfig config = load("routes: {chat: {tiers: [a/m1, a/m2]}}\n");

        assertThat(config.routing()).isEqualTo(RoutingConfig.DEFAULTS);
        assertThat(config.routes().getFirst().strategy()).isEqualTo(Strategy.PRIORITY);
        assertThat(config.routes().getFirst().tiers().get(1).timeout()).isEqualTo(TierTimeouts.LATER_TIERS);
    }

    @Test
    void theRoutingSectionSetsTheRequestCapAndTheHealthPolicy() {
        DetourConfig config = load("""
                routing:
                  request_timeout: 45s
                  idle_timeout: 12s
                  health:
                    window: 30s
                    failure_rate_threshold: 25
                    minimum_calls: 20
                    consecutive_failures: 0
                    open_duration: 5s
                    half_open_probes: 2
                    rate_limit_cooldown: 500ms
                    max_cooldown: 20s
                    probe_share: 0.05
                    active_checks: 30s
                """);

        assertThat(config.routing()).isEqualTo(new RoutingConfig(Duration.ofSeconds(45), Duration.ofSeconds(12),
                new HealthPolicy(Duration.ofSeconds(30), 25f, 20, 0, Duration.ofSeconds(5), 2, Duration.ofMillis(500),
                        Duration.ofSeconds(20), 0.05, Duration.ofSeconds(30))));
    }

    @Test
    void activeChecksAreOffUnlessAnIntervalIsGiven() {
        assertThat(load("routing: {health: {active_checks: off}}\n").routing().health().activeChecks()).isFalse();
        assertThat(load("routing: {health: {}}\n").routing().health().activeChecks()).isFalse();
    }

    @Test
    void anUnknownStrategyIsNamedWithTheKnownOnes() {
        assertThat(problemsIn("routes: {chat: {strategy: fastest, tiers: [a/m1]}}\n")).isEqualTo(
                "detour.yaml:3:27: routes.chat.strategy: unknown strategy 'fastest' (known: priority, cheapest-first, latency)");
    }

    @Test
    void bothNamesOfTheFirstTokenTimeoutAreAnError() {
        assertThat(problemsIn("routes: {chat: {tiers: [{targets: a/m1, timeout: 2s, first_token_timeout: 1s}]}}\n"))
                .contains("give either 'timeout' or 'first_token_timeout'");
    }

    @Test
    void aTotalTimeoutShorterThanTheFirstTokenTimeoutIsAnError() {
        assertThat(problemsIn("routes: {chat: {tiers: [{targets: a/m1, timeout: 3s, total_timeout: 1s}]}}\n"))
                .contains("tiers[0].total_timeout: must be at least the time to first token (3000 ms)");
    }

    @Test
    void badHealthValuesAreReportedByField() {
        String problems = problemsIn("""
                routing:
                  request_timeout: 0s
                  health:
                    failure_rate_threshold: 150
                    minimum_calls: 0
                    probe_share: 0.9
                    wndow: 10s
                """);
        assertThat(problems)
                .contains("routing.request_timeout: must be longer than 0")
                .contains("routing.health.failure_rate_threshold: expected a percentage")
                .contains("routing.health.minimum_calls: expected a number of calls, at least 1")
                .contains("routing.health.probe_share: expected a share of traffic")
                .contains("unknown key 'wndow', did you mean 'window'?");
    }

    @Test
    void aTargetWeightMustBeAPositiveWholeNumber() {
        assertThat(problemsIn("routes: {chat: {tiers: [{targets: [{target: a/m1, weight: 0}]}]}}\n"))
                .contains("a weight is a whole number from 1 to 1000, got 0");
    }
}
