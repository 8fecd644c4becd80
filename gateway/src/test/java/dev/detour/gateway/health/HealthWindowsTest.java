package dev.detour.gateway.health;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of deployment health, driven with explicit clocks: no network, no sleeping. */
class HealthWindowsTest {

    @Test
    void theOutcomeWindowCountsByClassAndForgetsWhatLeftTheWindow() {
        OutcomeWindow window = new OutcomeWindow(3);
        window.record(10_000, null);
        window.record(10_500, FailureClass.OVERLOADED);
        window.record(11_000, FailureClass.OVERLOADED);
        window.record(12_999, FailureClass.TIMEOUT);

        OutcomeWindow.Counts now = window.read(12_999);
        assertThat(now.successes()).isEqualTo(1);
        assertThat(now.failures()).isEqualTo(Map.of(FailureClass.OVERLOADED, 2L, FailureClass.TIMEOUT, 1L));

        assertThat(window.read(13_000).successes()).as("second 10 has left a 3 s window").isZero();
        assertThat(window.read(13_000).failures()).isEqualTo(Map.of(FailureClass.OVERLOADED, 1L, FailureClass.TIMEOUT, 1L));
        window.record(13_000, null);
        assertThat(window.read(13_000).successes()).as("a reused slot starts from zero").isEqualTo(1);
    }

    @Test
    void aRetryAfterIsHonouredExactly() {
        RateLimitCooldown cooldown = new RateLimitCooldown(Duration.ofSeconds(1), Duration.ofSeconds(60));
        long now = System.nanoTime();

        assertThat(cooldown.rateLimited(now, Duration.ofMillis(2500))).isEqualTo(Duration.ofMillis(2500));
        assertThat(cooldown.cooling(now + Duration.ofMillis(2499).toNanos())).isTrue();
        assertThat(cooldown.cooling(now + Duration.ofMillis(2500).toNanos())).isFalse();
    }

    @Test
    void withoutRetryAfterTheCooldownDoublesWithJitterUpToItsCapAndASuccessStartsOver() {
        RateLimitCooldown cooldown = new RateLimitCooldown(Duration.ofSeconds(1), Duration.ofSeconds(5));
        long now = System.nanoTime();
        List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            millis.add(cooldown.rateLimited(now, null).toMillis());
        }
        assertThat(millis.get(0)).isBetween(800L, 1200L);
        assertThat(millis.get(1)).isBetween(1600L, 2400L);
        assertThat(millis.get(2)).isBetween(3200L, 4800L);
        assertThat(millis.get(3)).as("capped at 5 s, jitter included").isBetween(4000L, 6000L);
        assertThat(millis.get(4)).isBetween(4000L, 6000L);

        cooldown.succeeded();
        assertThat(cooldown.rateLimited(now, null).toMillis()).isBetween(800L, 1200L);
    }

    @Test
    void onlyTheProvidersOwnFailuresCountAgainstIt() {
        assertThat(List.of(FailureClass.values())).filteredOn(FailureWeight::countsAgainstDeployment)
                .containsExactlyInAnyOrder(FailureClass.OVERLOADED, FailureClass.TRANSPORT, FailureClass.TIMEOUT,
                        FailureClass.BAD_RESPONSE, FailureClass.AUTH_OR_CONFIG);
    }

    @Test
    void theCircuitOpensAtTheFailureRateOnceTheMinimumOfCallsIsReachedAndIgnoresTheClientsOwnErrors() {
        HealthPolicy policy = new HealthPolicy(Duration.ofSeconds(60), 50f, 4, 0, Duration.ofSeconds(30), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(10), 0, null);
        DeploymentId id = DeploymentId.parse("p/m");
        try (HealthMonitor health = new HealthMonitor(policy, List.of(id))) {
            for (int i = 0; i < 10; i++) {
                assertThat(health.tryAcquire(id)).isTrue();
                health.failed(id, new ProviderException(FailureClass.BAD_REQUEST, "your fault"), Duration.ofMillis(1));
            }
            assertThat(health.tryAcquire(id)).isTrue();
            health.succeeded(id, Duration.ofMillis(5), Duration.ofMillis(2));
            for (int i = 0; i < 3; i++) {
                assertThat(health.tryAcquire(id)).as("call %d", i).isTrue();
                health.failed(id, new ProviderException(FailureClass.OVERLOADED, "busy"), Duration.ofMillis(1));
            }
            assertThat(health.tryAcquire(id)).as("3 failures of 4 counted calls: open").isFalse();
            health.refresh();
            DeploymentStatus status = health.snapshot().status(id);
            assertThat(status.state()).isEqualTo(CircuitState.OPEN);
            assertThat(status.outcomes()).containsEntry("ok", 1L).containsEntry("overloaded", 3L)
                    .containsEntry("bad_request", 10L);
            assertThat(status.p50Millis()).isBetween(4.9, 5.1);
            assertThat(status.ttftP50Millis()).isBetween(1.9, 2.1);
        }
    }
}
