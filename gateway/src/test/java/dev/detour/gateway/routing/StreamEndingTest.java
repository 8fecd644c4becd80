package dev.detour.gateway.routing;

import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static org.assertj.core.api.Assertions.assertThat;

/** How a started stream ends when the provider leaves out its terminator, or takes longer than its tier allows. */
class StreamEndingTest {

    private static final String STREAMED = """
            {"model":"%s","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"hello there"}]}""";

    @Test
    void aStreamWithoutItsTerminatorIsFinishedAtOnceWithUsageAndCountsAsHealthy() {
        try (ProviderSim sim = ProviderSim.start();
             SimGateway gateway = SimGateway.start(List.of(provider(sim, "openai", ProviderKind.OPENAI,
                     chatModel("primary"))), List.of(new RouteConfig("chat", List.of(
                     new TierConfig(List.of(new DeploymentId("openai", "primary")), SimGateway.PATIENT)))))) {
            sim.fault("primary", Fault.noDone());

            long started = System.nanoTime();
            HttpResponse<String> response = gateway.http().post("/v1/chat/completions", STREAMED.formatted("chat"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"usage\"").endsWith("data: [DONE]\n\n");
            assertThat(took).as("finished when the upstream ended, not at the idle limit")
                    .isLessThan(SimGateway.STREAM_IDLE_LIMIT);
            gateway.server().health().refresh();
            var status = gateway.server().health().snapshot().status(new DeploymentId("openai", "primary"));
            assertThat(status.outcomes()).containsEntry("ok", 1L);
        }
    }

    @Test
    void aStreamCutAfterItStartedCountsAgainstTheProvidersHealth() {
        try (ProviderSim sim = ProviderSim.start();
             SimGateway gateway = SimGateway.start(List.of(provider(sim, "openai", ProviderKind.OPENAI,
                     chatModel("primary"))), List.of(new RouteConfig("chat", List.of(
                     new TierConfig(List.of(new DeploymentId("openai", "primary")), SimGateway.PATIENT)))))) {
            sim.fault("primary", Fault.errorAfterChunks(2, 500));

            HttpResponse<String> response = gateway.http().post("/v1/chat/completions", STREAMED.formatted("chat"));

            assertThat(response.body()).doesNotContain("[DONE]").contains("stream_interrupted");
            gateway.server().health().refresh();
            var status = gateway.server().health().snapshot().status(new DeploymentId("openai", "primary"));
            assertThat(status.outcomes()).doesNotContainKey("ok").containsKey("overloaded");
        }
    }
}
