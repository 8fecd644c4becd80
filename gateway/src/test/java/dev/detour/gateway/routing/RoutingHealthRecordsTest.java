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
 * What health records and shows, against provider-sim: failures that do not count against a provider, failover
 * events in SQLite and {@code GET /admin/events}, the health snapshot as JSON and server-sent events, and active
 * checks counted apart from real traffic. (Split from {@link HealthAwareRoutingTest} to keep each class short.)
 */
class RoutingHealthRecordsTest extends HealthRoutingFixture {

    @Test
    void failoverEventsAreStoredAndFilteredByRouteProviderAndTime() throws Exception {
        start(QUICK);
        sim.fault("primary", Fault.status(503));
        ask("main");
        ask("main");
        gateway.server().failoverEvents().flush();

        JsonNode events = JSON.readTree(http.get("/admin/events?route=main").body()).path("data");
        assertThat(events).hasSize(2);
        JsonNode event = events.get(0);
        assertThat(event.path("from").asText()).isEqualTo("openai/primary");
        assertThat(event.path("to").asText()).isEqualTo("openai/backup");
        assertThat(event.path("failure_class").asText()).isEqualTo("overloaded");
        assertThat(event.path("latency_added_millis").asDouble()).isPositive();

        assertThat(JSON.readTree(http.get("/admin/events?provider=openai").body()).path("data")).hasSize(2);
        assertThat(JSON.readTree(http.get("/admin/events?provider=openai/backup").body()).path("data")).hasSize(2);
        assertThat(JSON.readTree(http.get("/admin/events?provider=other").body()).path("data")).isEmpty();
        assertThat(JSON.readTree(http.get("/admin/events?route=solo").body()).path("data")).isEmpty();
        long future = System.currentTimeMillis() + 60_000;
        assertThat(JSON.readTree(http.get("/admin/events?from=" + future).body()).path("data")).isEmpty();
        assertThat(http.get("/admin/events?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void theHealthSnapshotIsServedAsJsonAndAsServerSentEvents() throws Exception {
        start(QUICK);
        ask("solo");

        JsonNode primary = deploymentHealth("openai/primary");
        assertThat(primary.path("state").asText()).isEqualTo("closed");
        assertThat(primary.path("outcomes").path("ok").asLong()).isEqualTo(1);

        HttpResponse<String> stream = http.get("/admin/health/stream?max_events=2");
        assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = stream.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events).hasSize(2);
        assertThat(JSON.readTree(events.getLast().substring(6)).path("deployments").isArray()).isTrue();
    }

    @Test
    void activeChecksReachIdleDeploymentsAndAreCountedApartFromRealTraffic() throws Exception {
        start(QUICK.withActiveChecks(Duration.ofMillis(200)));
        sim.fault("backup", Fault.status(503));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode backup = deploymentHealth("openai/backup");
        while (backup.path("active_checks").path("overloaded").asLong() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            backup = deploymentHealth("openai/backup");
        }

        assertThat(backup.path("active_checks").path("overloaded").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(backup.path("calls").asLong()).as("no real traffic counted").isZero();
        assertThat(backup.path("state").asText()).as("checks never move a circuit").isEqualTo("closed");
        assertThat(sim.attemptCount("backup")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aContentRefusalReachesTheClientWithoutRetryOrFailover() {
        start(QUICK);
        sim.fault("primary", Fault.contentPolicy());

        HttpResponse<String> response = ask("main");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(sim.attemptCount("primary")).isEqualTo(1);
        assertThat(sim.attemptCount("backup")).isZero();
    }

    @Test
    void aPromptTooLongGoesOnWithoutRetryAndDoesNotCountAgainstTheProvider() throws Exception {
        start(QUICK);
        sim.fault("primary", Fault.contextLengthExceeded());

        for (int i = 0; i < 8; i++) {
            assertThat(servedBy(ask("main"))).isEqualTo("openai/backup");
        }

        assertThat(sim.attemptCount("primary")).as("asked every time: its circuit stays closed").isEqualTo(8);
        assertThat(deploymentHealth("openai/primary").path("state").asText()).isEqualTo("closed");
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
