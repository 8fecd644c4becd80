package dev.detour.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RoutingConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.health.HealthPolicy;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Attempt;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each failure class against provider-sim, with the attempts and the gaps between them read from the sim's own
 * record: quick retries, timeouts, circuits opening and closing, 429 cool-downs, the never-black-hole rule, the
 * request cap, failover events and the health endpoints. Bounds on time are lower bounds or generous upper ones.
 */
class HealthAwareRoutingTest extends HealthRoutingFixture {

    @Test
    void aPlain500GetsOneQuickRetryOnTheSameProviderThenFailsOver() {
        start(QUICK);
        sim.fault("primary", Fault.status(500));

        HttpResponse<String> response = ask("main");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(servedBy(response)).isEqualTo("openai/backup");
        assertThat(sim.attemptCount("primary")).isEqualTo(2);
        assertThat(gapMillis("primary", 0, 1)).as("a short pause, not a hammering").isGreaterThanOrEqualTo(15)
                .isLessThan(IMPATIENT.toMillis() * 5);
        assertThat(response.headers().firstValue("x-detour-attempt-log")).hasValue(
                "openai/primary=overloaded, openai/primary=overloaded, openai/backup=ok");
    }

    @Test
    void aConnectionResetGetsOneQuickRetry() {
        start(QUICK);
        sim.fault("primary", Fault.resetBeforeHeaders().times(1));

        HttpResponse<String> response = ask("main");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(servedBy(response)).as("the retry found it answering again").isEqualTo("openai/primary");
        assertThat(sim.attemptCount("primary")).isEqualTo(2);
        assertThat(sim.attemptCount("backup")).isZero();
    }

    @Test
    void anOverloaded503MovesOnWithoutARetry() {
        start(QUICK);
        sim.fault("primary", Fault.status(503));

        HttpResponse<String> response = ask("main");

        assertThat(servedBy(response)).isEqualTo("openai/backup");
        assertThat(sim.attemptCount("primary")).isEqualTo(1);
    }

    @Test
    void aSilentProviderIsAbandonedAtItsTimeoutAndNotAskedAgain() {
        start(QUICK);
        sim.fault("primary", Fault.hang());

        long started = System.nanoTime();
        HttpResponse<String> response = ask("main");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(servedBy(response)).isEqualTo("openai/backup");
        assertThat(sim.attemptCount("primary")).isEqualTo(1);
        assertThat(sim.attempts("backup").getFirst().at()).isAfter(sim.attempts("primary").getFirst().at());
        // Measured at the client: the sim's receipt time of the first call can lag its sending on a busy machine.
        assertThat(took).as("the fallback answered once the first tier's timeout ran out")
                .isGreaterThanOrEqualTo(IMPATIENT).isLessThan(PATIENT);
    }

    @Test
    void aHardDownProviderOpensItsCircuitAndTheFallbackServesWhileItIsOpen() throws Exception {
        start(QUICK);
        sim.fault("primary", Fault.status(503));

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = ask("main");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(servedBy(response)).isEqualTo("openai/backup");
        }

        assertThat(sim.attemptCount("primary")).as("the minimum number of calls, then no more").isEqualTo(4);
        assertThat(sim.attemptCount("backup")).isEqualTo(12);
        JsonNode primary = deploymentHealth("openai/primary");
        assertThat(primary.path("state").asText()).isEqualTo("open");
        assertThat(primary.path("outcomes").path("overloaded").asLong()).isEqualTo(4);
    }

    @Test
    void failuresInARowOpenTheCircuitEvenWhenTheWindowIsFullOfSuccesses() throws Exception {
        start(new HealthPolicy(Duration.ofSeconds(10), 50f, 4, 3, Duration.ofSeconds(30), 1, Duration.ofMillis(300),
                Duration.ofSeconds(5), 0, null));
        for (int i = 0; i < 20; i++) {
            assertThat(servedBy(ask("main"))).isEqualTo("openai/primary");
        }
        sim.fault("primary", Fault.status(503));

        for (int i = 0; i < 8; i++) {
            assertThat(servedBy(ask("main"))).isEqualTo("openai/backup");
        }

        assertThat(sim.attemptCount("primary")).as("20 answers, then 3 failures in a row").isEqualTo(23);
        assertThat(deploymentHealth("openai/primary").path("state").asText()).isEqualTo("open");
    }

    @Test
    void anOpenCircuitIsProbedAndClosesWhenTheProviderRecovers() throws Exception {
        start(QUICK.withOpenDuration(Duration.ofMillis(500)));
        sim.fault("primary", Fault.status(503));
        for (int i = 0; i < 4; i++) {
            ask("main");
        }
        assertThat(deploymentHealth("openai/primary").path("state").asText()).isEqualTo("open");
        sim.clearFault("primary");

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String served = null;
        while (System.nanoTime() < deadline && !"openai/primary".equals(served)) {
            served = servedBy(ask("main"));
            Thread.sleep(50);
        }

        assertThat(served).as("traffic came back once the probe succeeded").isEqualTo("openai/primary");
        assertThat(servedBy(ask("main"))).isEqualTo("openai/primary");
        assertThat(sim.attemptCount("primary")).as("4 failures, the successful probe, the next request").isEqualTo(6);
    }

    @Test
    void whenEveryCircuitIsOpenTheLeastBadIsStillTried() {
        start(QUICK);
        sim.fault("primary", Fault.status(503));
        for (int i = 0; i < 4; i++) {
            assertThat(ask("solo").statusCode()).isEqualTo(503);
        }
        sim.clearFault("primary");

        HttpResponse<String> response = ask("solo");

        assertThat(response.statusCode()).as("never black-holed: " + response.body()).isEqualTo(200);
        assertThat(sim.attemptCount("primary")).isEqualTo(5);
    }

    @Test
    void aRetryAfterIsHonouredExactlyWhileTheFallbackServes() throws Exception {
        start(QUICK);
        Duration retryAfter = Duration.ofMillis(800);
        sim.fault("primary", Fault.status(429).retryAfter(retryAfter).times(1));

        List<String> servers = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofMillis(1600).toNanos();
        while (System.nanoTime() < end || sim.attemptCount("primary") < 2) {
            HttpResponse<String> response = ask("main");
            assertThat(response.statusCode()).isEqualTo(200);
            servers.add(servedBy(response));
            Thread.sleep(40);
        }

        assertThat(servers.getFirst()).isEqualTo("openai/backup");
        assertThat(servers.getLast()).isEqualTo("openai/primary");
        assertThat(gapMillis("primary", 0, 1)).as("no call during the Retry-After")
                .isGreaterThanOrEqualTo(retryAfter.toMillis() - 5).isLessThan(retryAfter.toMillis() + 5000);
    }

    @Test
    void repeatedRateLimitsWithoutRetryAfterBackOffFurtherEachTime() throws Exception {
        start(QUICK);
        sim.fault("primary", Fault.status(429));

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.attemptCount("primary") < 3 && System.nanoTime() < end) {
            assertThat(ask("main").statusCode()).isEqualTo(200);
            Thread.sleep(20);
        }

        assertThat(sim.attemptCount("primary")).isEqualTo(3);
        // 300 ms, then 600 ms, each with jitter of +-20 %.
        assertThat(gapMillis("primary", 0, 1)).isGreaterThanOrEqualTo(240);
        assertThat(gapMillis("primary", 1, 2)).isGreaterThanOrEqualTo(480);
    }

    @Test
    void whenEveryProviderIsCoolingDownTheClientGetsA429WithoutAnotherCall() {
        start(QUICK);
        sim.fault("primary", Fault.status(429).retryAfter(Duration.ofSeconds(3)).times(1));

        HttpResponse<String> first = ask("solo");
        HttpResponse<String> second = ask("solo");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
        assertThat(second.headers().firstValue("x-detour-attempts")).hasValue("0");
        assertThat(sim.attemptCount("primary")).isEqualTo(1);
    }

    @Test
    void theRequestCapEndsASearchThatWouldOutlastIt() {
        start(QUICK, Duration.ofMillis(700));
        sim.fault("primary", Fault.hang());
        sim.fault("backup", Fault.hang());

        long started = System.nanoTime();
        HttpResponse<String> response = ask("silent");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(took).as("capped well before the tiers' own 10 s limits").isLessThan(Duration.ofSeconds(8));
        assertThat(sim.attemptCount("backup")).isZero();
    }

    @Test
    void aStreamPastItsTotalTimeEndsWithAnErrorEventAndNoDone() {
        start(QUICK);
        sim.fault("primary", Fault.chunkDelay(Duration.ofMillis(600)));

        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"streamy","stream":true,"messages":[{"role":"user","content":"hello there"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("[DONE]").contains("\"error\"").contains("time limit");
    }

    /** The deployment's entry in {@code GET /admin/health}, once the snapshot shows its latest outcome. */
    private JsonNode deploymentHealth(String deployment) throws Exception {
        gateway.server().health().refresh();
        for (JsonNode entry : JSON.readTree(http.get("/admin/health").body()).path("deployments")) {
            if (entry.path("deployment").asText().equals(deployment)) {
                return entry;
            }
        }
        throw new AssertionError(deployment + " is not in /admin/health");
    }
}
