package dev.detour.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key through the real gateway and provider-sim: a repeat gets the first answer (body and Detour headers)
 * marked as a replay, a repeat sent while the first is in flight waits for it, and in every case the provider was
 * called once; a key reused with another body is refused; a failed request frees its key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencySimTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = SimGateway.start(List.of(provider(sim, "oa", ProviderKind.OPENAI,
                        new ModelConfig("m", 128_000, 1, 2, false))),
                List.of(new RouteConfig("chat", List.of(tier("oa", "m", PATIENT)))), SimGateway.STREAM_IDLE_LIMIT);
        http = gateway.http();
    }

    @AfterEach
    void resetSim() {
        sim.reset();
    }

    @AfterAll
    void stop() {
        gateway.close();
        sim.close();
    }

    @Test
    void aRepeatGetsTheSameAnswerWithoutASecondProviderCall() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post(key, body("hello there", false));
        HttpResponse<String> again = post(key, body("hello there", false));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("x-detour-idempotent-replay")).hasValue("true");
        assertThat(first.headers().firstValue("x-detour-idempotent-replay")).isEmpty();
        assertThat(again.headers().firstValue("x-detour-provider")).isEqualTo(first.headers().firstValue("x-detour-provider"));
        assertThat(again.headers().firstValue("x-detour-cost-usd")).isEqualTo(first.headers().firstValue("x-detour-cost-usd"));
        assertThat(sim.attemptCount("m")).isEqualTo(1);
        // Billed once too.
        assertThat(JSON.readTree(http.get("/admin/usage").body()).at("/totals/requests").asInt()).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstIsInFlightWaitsForItsAnswer() throws Exception {
        sim.fault("m", Fault.latency(Duration.ofMillis(800)));
        String key = UUID.randomUUID().toString();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(key, body("slow one", false)));
        while (sim.attemptCount("m") == 0) {
            Thread.sleep(10);
        }
        HttpResponse<String> second = post(key, body("slow one", false));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.get(10, TimeUnit.SECONDS).body());
        assertThat(second.headers().firstValue("x-detour-idempotent-replay")).hasValue("true");
        assertThat(sim.attemptCount("m")).isEqualTo(1);
    }

    @Test
    void aStreamIsReplayedEventForEvent() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post(key, body("hello stream", true));
        HttpResponse<String> again = post(key, body("hello stream", true));

        assertThat(first.body()).contains("data: [DONE]");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(again.headers().firstValue("x-detour-idempotent-replay")).hasValue("true");
        assertThat(sim.attemptCount("m")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() throws Exception {
        String key = UUID.randomUUID().toString();
        post(key, body("hello there", false));

        HttpResponse<String> reused = post(key, body("something else", false));

        assertThat(reused.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(reused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(error.get("param").asText()).isEqualTo("Idempotency-Key");
        assertThat(sim.attemptCount("m")).isEqualTo(1);
    }

    @Test
    void aFailedRequestFreesItsKeySoTheRetryIsTriedForReal() {
        sim.fault("m", Fault.status(503).times(1));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> failed = post(key, body("hello there", false));
        HttpResponse<String> retried = post(key, body("hello there", false));

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("x-detour-idempotent-replay")).isEmpty();
        assertThat(sim.attemptCount("m")).isEqualTo(2);
    }

    @Test
    void requestsWithoutAKeyAreNeverReplayed() {
        post(null, body("hello there", false));
        post(null, body("hello there", false));

        assertThat(sim.attemptCount("m")).isEqualTo(2);
    }

    private HttpResponse<String> post(String key, String body) {
        HttpRequest.Builder request = http.request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build());
    }

    private static String body(String text, boolean stream) {
        return """
                {"model":"chat","stream":%s,"messages":[{"role":"user","content":"%s"}]}""".formatted(stream, text);
    }
}
