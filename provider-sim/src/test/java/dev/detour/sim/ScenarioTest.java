package dev.detour.sim;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest {

    @Test
    void parsesModelsFaultsAndSchedules() {
        Scenario s = Scenario.parse("""
                loop: 1m
                models:
                  - name: primary
                    schedule:
                      - {from: 10s, to: 40s, fault: {type: status, status: 503}}
                  - name: backup
                    contextWindow: 100
                    fault: {type: latency, ms: 200}
                """);
        assertThat(s.loop()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.models()).hasSize(2);
        Scenario.Window w = s.models().get(0).schedule().get(0);
        assertThat(w.from()).isEqualTo(Duration.ofSeconds(10));
        assertThat(w.to()).isEqualTo(Duration.ofSeconds(40));
        assertThat(w.fault()).isEqualTo(Fault.status(503));
        assertThat(s.models().get(1).fault()).isEqualTo(Fault.latency(Duration.ofMillis(200)));
        assertThat(s.models().get(1).contextWindow()).isEqualTo(100);
    }

    @Test
    void theShippedExampleIsValid() throws Exception {
        Scenario s = Scenario.load(Path.of("scenarios/flaky-primary.yaml"));
        assertThat(s.models()).extracting(Scenario.ModelPlan::name).contains("gpt-4o-mini");
        assertThat(s.models().get(0).schedule()).isNotEmpty();
    }

    @Test
    void errorsNameTheModelAndField() {
        assertThatThrownBy(() -> Scenario.parse("models:\n  - name: a\n    fault: {type: status}\n"))
                .hasMessageContaining("model a").hasMessageContaining("status");
        assertThatThrownBy(() -> Scenario.parse("models:\n  - name: a\n    schedule:\n      - {from: 5s, to: 2s, fault: {type: hang}}\n"))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> Scenario.parse("models: []\n")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Scenario.parse("models:\n  - fault: {type: hang}\n")).hasMessageContaining("name");
    }

    @Test
    void playerAppliesAndLiftsScheduledFaults() throws Exception {
        try (ProviderSim sim = ProviderSim.start()) {
            SimClient client = new SimClient(sim.baseUrl());
            sim.play(Scenario.parse("""
                    models:
                      - name: m
                        schedule:
                          - {from: 1s, to: 1500ms, fault: {type: status, status: 503}}
                      - name: n
                        contextWindow: 1
                    """));
            // The first request must land before the fault starts: a second is ample even on a loaded machine.
            String req = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}";
            assertThat(client.post("/v1/chat/completions", req).statusCode()).isEqualTo(200);
            awaitStatus(client, req, 503);
            awaitStatus(client, req, 200);
            assertThat(client.post("/v1/chat/completions",
                    "{\"model\":\"n\",\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}").statusCode()).isEqualTo(400);
        }
    }

    /** Polls until the scheduled change shows (bounded), so a slow machine does not make the test flaky. */
    private static void awaitStatus(SimClient client, String req, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.post("/v1/chat/completions", req).statusCode() != status) {
            assertThat(System.nanoTime()).as("status %d never showed", status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
