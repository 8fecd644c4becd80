package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest {

    static ProviderSim sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = ProviderSim.start();
        client = new SimClient(sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}";
    }

    @Test
    void postFaultInstallsItWithRetryAndTimes() {
        HttpResponse<String> r = client.post("/_sim/faults",
                "{\"model\":\"m\",\"fault\":{\"type\":\"status\",\"status\":503,\"retryAfterMs\":2000,\"times\":1}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(r).path("faults").path("m").path("status").asInt()).isEqualTo(503);
        assertThat(sim.faults().get("m")).isEqualTo(Fault.status(503).retryAfter(Duration.ofSeconds(2)).times(1));
        HttpResponse<String> failed = client.post("/v1/chat/completions", chat("m"));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("retry-after")).hasValue("2");
        assertThat(client.post("/v1/chat/completions", chat("m")).statusCode()).isEqualTo(200);
    }

    @Test
    void postSeveralFaultsAtOnceAndListThem() {
        client.post("/_sim/faults", """
                {"faults":[{"model":"a","fault":{"type":"latency","ms":10}},
                           {"model":"b","fault":{"type":"fraction","p":0.5,"fault":{"type":"hang"}}}]}""");
        JsonNode list = SimClient.json(client.get("/_sim/faults")).path("faults");
        assertThat(list.path("a").path("type").asText()).isEqualTo("latency");
        assertThat(list.path("b").path("fault").path("type").asText()).isEqualTo("hang");
    }

    @Test
    void badFaultIsRejectedAndNothingIsInstalled() {
        HttpResponse<String> r = client.post("/_sim/faults", """
                {"faults":[{"model":"a","fault":{"type":"latency","ms":10}},{"model":"b","fault":{"type":"teleport"}}]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(r).path("error").asText()).contains("teleport");
        assertThat(sim.faults()).isEmpty();
        HttpResponse<String> noStatus = client.post("/_sim/faults", "{\"model\":\"a\",\"fault\":{\"type\":\"status\"}}");
        assertThat(noStatus.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(noStatus).path("error").asText()).contains("status");
    }

    @Test
    void deleteClearsOneOrAllFaults() {
        sim.fault("a", Fault.status(500)).fault("b", Fault.status(500));
        client.delete("/_sim/faults?model=a");
        assertThat(sim.faults()).containsOnlyKeys("b");
        client.delete("/_sim/faults");
        assertThat(sim.faults()).isEmpty();
    }

    @Test
    void attemptsReportCountsAndRecords() {
        sim.fault("m", Fault.status(500).times(1));
        client.post("/v1/chat/completions", chat("m"));
        client.post("/v1/chat/completions", chat("m"));
        client.post("/v1/chat/completions", chat("other"));
        JsonNode m = SimClient.json(client.get("/_sim/attempts?model=m"));
        assertThat(m.path("count").asInt()).isEqualTo(2);
        assertThat(m.path("attempts").get(0).path("fault").asText()).isEqualTo("status");
        assertThat(m.path("attempts").get(1).path("fault").isNull()).isTrue();
        assertThat(m.path("attempts").get(0).path("protocol").asText()).isEqualTo("openai");
        assertThat(m.path("attempts").get(0).path("at").asText()).isNotBlank();
        JsonNode all = SimClient.json(client.get("/_sim/attempts"));
        assertThat(all.path("counts").path("m").asInt()).isEqualTo(2);
        assertThat(all.path("counts").path("other").asInt()).isEqualTo(1);
    }

    @Test
    void resetClearsFaultsAndAttempts() {
        sim.fault("m", Fault.status(500));
        client.post("/v1/chat/completions", chat("m"));
        assertThat(client.post("/_sim/reset", "").statusCode()).isEqualTo(200);
        assertThat(sim.faults()).isEmpty();
        assertThat(sim.attemptCount("m")).isZero();
    }

    @Test
    void modelsEndpointSetsAContextWindow() {
        client.post("/_sim/models", "{\"model\":\"small\",\"contextWindow\":1}");
        HttpResponse<String> r = client.post("/v1/messages",
                "{\"model\":\"small\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(r).path("error").path("message").asText()).isEqualTo("prompt is too long: 2 tokens > 1 maximum");
    }
}
