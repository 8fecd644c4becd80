package dev.detour.gateway.routing;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded loopback load test: steady traffic from a few clients; the primary goes hard down (503) in the middle
 * and comes back later. While it is down its circuit takes it out within a second, leaving it only the probes; no
 * client request fails, since the fallback is healthy; once it is back, the probes close its circuit and it gets
 * its traffic back. Counts come from the sim's own record of attempts.
 */
class OutageUnderLoadTest {

    private static final int CLIENTS = 6;
    private static final Duration HEALTHY = Duration.ofMillis(1500);
    private static final Duration DOWN = Duration.ofMillis(2500);
    private static final Duration RECOVERED = Duration.ofMillis(3000);
    private static final Duration OPEN_DURATION = Duration.ofMillis(1000);
    private static final int PROBES = 2;
    private static final HealthPolicy POLICY = new HealthPolicy(Duration.ofSeconds(10), 15f, 10, 5, OPEN_DURATION,
            PROBES, Duration.ofSeconds(1), Duration.ofSeconds(10), 0, null);

    record Sent(Instant at, int status, String servedBy) {
    }

    @Test
    void theFallbackTakesOverWithinASecondWithoutFailingAClientAndThePrimaryGetsItsTrafficBack() throws Exception {
        try (ProviderSim sim = ProviderSim.start();
             SimGateway gateway = SimGateway.start(SimGateway.config(
                             List.of(provider(sim, "openai", ProviderKind.OPENAI, chatModel("primary"), chatModel("backup"))),
                             List.of(new RouteConfig("main", List.of(
                                     new TierConfig(List.of(new DeploymentId("openai", "primary")), Duration.ofSeconds(5)),
                                     new TierConfig(List.of(new DeploymentId("openai", "backup")), Duration.ofSeconds(5))))))
                     .withRouting(new RoutingConfig(Duration.ofSeconds(30), Duration.ofSeconds(30), POLICY)))) {
            Http http = gateway.http();
            String body = """
                    {"model":"main","messages":[{"role":"user","content":"hello there"}]}""";
            http.post("/v1/chat/completions", body); // warm the adapters before the clock starts

            List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
            Instant start = Instant.now();
            Instant downAt = start.plus(HEALTHY);
            Instant upAt = downAt.plus(DOWN);
            Instant end = upAt.plus(RECOVERED);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        Instant at = Instant.now();
                        HttpResponse<String> response = http.post("/v1/chat/completions", body);
                        sent.add(new Sent(at, response.statusCode(),
                                response.headers().firstValue("x-detour-provider").orElse("")));
                    }
                    return null;
                });
            }
            sleepUntil(downAt);
            sim.fault("primary", Fault.status(503));
            sleepUntil(upAt);
            sim.clearFault("primary");
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(sent).as("no client request failed").allMatch(s -> s.status() == 200);
            assertThat(sent.size()).as("enough traffic to judge shares").isGreaterThan(200);

            List<Instant> primaryCalls = sim.attempts("primary").stream().map(Attempt::at).toList();
            // One second after the outage began, until it ended: the primary gets only the circuit's probes.
            Instant shifted = downAt.plusSeconds(1);
            long primaryWhileDown = primaryCalls.stream().filter(t -> !t.isBefore(shifted) && t.isBefore(upAt)).count();
            long requestsWhileDown = sent.stream().filter(s -> !s.at().isBefore(shifted) && s.at().isBefore(upAt)).count();
            long probeBudget = PROBES * (DOWN.toMillis() / OPEN_DURATION.toMillis() + 1);
            assertThat(primaryWhileDown).as("calls to the primary while down, of %d requests", requestsWhileDown)
                    .isLessThanOrEqualTo(probeBudget);
            assertThat(requestsWhileDown).isGreaterThan(10 * probeBudget);

            // Recovery: within open_duration plus a second of its return, the primary serves most requests again.
            Instant recovered = upAt.plus(OPEN_DURATION).plusSeconds(1);
            List<Sent> after = sent.stream().filter(s -> s.at().isAfter(recovered)).toList();
            long byPrimary = after.stream().filter(s -> s.servedBy().equals("openai/primary")).count();
            assertThat(after).isNotEmpty();
            assertThat(byPrimary).as("requests served by the primary after it recovered, of %d", after.size())
                    .isGreaterThan(after.size() * 9 / 10);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
