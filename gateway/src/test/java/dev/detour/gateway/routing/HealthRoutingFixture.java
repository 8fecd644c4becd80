package dev.detour.gateway.routing;

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
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;

/**
 * The health tests' shared ground: one provider-sim for the class, a gateway per case with a quick health policy,
 * routes "main" (two tiers), "solo", "silent" and "streamy", and helpers to ask and to read the sim's record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HealthRoutingFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENT = SimGateway.PATIENT;
    /** Long enough for a warm adapter's answer on a busy machine, short enough to wait out in a test. */
    static final Duration IMPATIENT = Duration.ofMillis(1000);
    /** Small windows so a test can open a circuit with a handful of calls; probes never steal a request. */
    static final HealthPolicy QUICK = new HealthPolicy(Duration.ofSeconds(10), 50f, 4, 0,
            Duration.ofSeconds(30), 1, Duration.ofMillis(300), Duration.ofSeconds(5), 0, null);

    ProviderSim sim;
    SimGateway gateway;
    Http http;

    @BeforeAll
    void startSim() {
        sim = ProviderSim.start();
        // The first call through a fresh JVM's adapters is slow; warm them so no case's tier-1 timeout sees it.
        start(QUICK);
        ask("solo");
        stopGateway();
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        sim.reset();
    }

    @AfterAll
    void stopSim() {
        sim.close();
    }

    void start(HealthPolicy policy) {
        start(policy, RoutingConfig.DEFAULTS.requestTimeout());
    }

    void start(HealthPolicy policy, Duration requestCap) {
        List<RouteConfig> routes = List.of(
                new RouteConfig("main", List.of(tier("primary", IMPATIENT), tier("backup", PATIENT))),
                new RouteConfig("solo", List.of(tier("primary", PATIENT))),
                new RouteConfig("silent", List.of(tier("primary", PATIENT), tier("backup", PATIENT))),
                new RouteConfig("streamy", List.of(new TierConfig(List.of(id("primary")), PATIENT, null,
                        Duration.ofMillis(1000), null))));
        var config = SimGateway.config(List.of(provider(sim, "openai", ProviderKind.OPENAI,
                        chatModel("primary"), chatModel("backup"))), routes)
                .withRouting(new RoutingConfig(requestCap, RoutingConfig.DEFAULTS.idleTimeout(), policy));
        gateway = SimGateway.start(config);
        http = gateway.http();
    }

    static TierConfig tier(String model, Duration timeout) {
        return new TierConfig(List.of(id(model)), timeout);
    }

    static DeploymentId id(String model) {
        return new DeploymentId("openai", model);
    }

    HttpResponse<String> ask(String route) {
        return http.post("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"hello there"}]}""".formatted(route));
    }

    static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("x-detour-provider").orElse(null);
    }

    long gapMillis(String model, int from, int to) {
        List<Attempt> attempts = sim.attempts(model);
        return Duration.between(attempts.get(from).at(), attempts.get(to).at()).toMillis();
    }

}
