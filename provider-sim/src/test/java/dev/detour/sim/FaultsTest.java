package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@org.junit.jupiter.api.Timeout(30)
class FaultsTest {

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

    @AfterEach
    void reset() {
        sim.reset();
    }

    static String openai(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}";
    }

    static String anthropic(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":100,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}";
    }

    @Test
    void statusFaultSendsOpenAiErrorBodyWithoutRetryHeaderUnlessAsked() {
        sim.fault("m", Fault.status(429));
        HttpResponse<String> r = client.post("/v1/chat/completions", openai("m", false));
        assertThat(r.statusCode()).isEqualTo(429);
        JsonNode err = SimClient.json(r).path("error");
        assertThat(err.path("type").asText()).isEqualTo("requests");
        assertThat(err.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(err.path("message").asText()).contains("Rate limit");
        assertThat(r.headers().firstValue("retry-after")).isEmpty();

        sim.fault("m", Fault.status(429).retryAfter(Duration.ofMillis(1500)));
        HttpResponse<String> r2 = client.post("/v1/chat/completions", openai("m", true));
        assertThat(r2.statusCode()).isEqualTo(429);
        assertThat(r2.headers().firstValue("retry-after")).hasValue("2");
        assertThat(r2.headers().firstValue("retry-after-ms")).hasValue("1500");
    }

    @Test
    void statusFaultsMapToOpenAiErrorTypes() {
        for (int status : new int[] {400, 401, 404, 500, 503}) {
            sim.fault("m", Fault.status(status));
            HttpResponse<String> r = client.post("/v1/chat/completions", openai("m", false));
            assertThat(r.statusCode()).isEqualTo(status);
            JsonNode err = SimClient.json(r).path("error");
            assertThat(err.path("message").asText()).isNotBlank();
            assertThat(err.path("type").asText()).isEqualTo(status >= 500 ? "server_error" : "invalid_request_error");
        }
    }

    @Test
    void statusFaultSendsAnthropicTypedErrors() {
        int[] statuses = {400, 401, 403, 404, 429, 500, 529};
        String[] types = {"invalid_request_error", "authentication_error", "permission_error", "not_found_error",
                "rate_limit_error", "api_error", "overloaded_error"};
        for (int i = 0; i < statuses.length; i++) {
            sim.fault("c", Fault.status(statuses[i]).retryAfter(Duration.ofSeconds(3)));
            HttpResponse<String> r = client.post("/v1/messages", anthropic("c", false));
            assertThat(r.statusCode()).isEqualTo(statuses[i]);
            JsonNode b = SimClient.json(r);
            assertThat(b.path("type").asText()).isEqualTo("error");
            assertThat(b.path("error").path("type").asText()).isEqualTo(types[i]);
            assertThat(r.headers().firstValue("retry-after")).hasValue("3");
            assertThat(r.headers().firstValue("retry-after-ms")).isEmpty();
        }
    }

    @Test
    void timesClearsTheFaultAfterNRequests() {
        sim.fault("m", Fault.status(503).times(2));
        assertThat(client.post("/v1/chat/completions", openai("m", false)).statusCode()).isEqualTo(503);
        assertThat(client.post("/v1/chat/completions", openai("m", false)).statusCode()).isEqualTo(503);
        assertThat(client.post("/v1/chat/completions", openai("m", false)).statusCode()).isEqualTo(200);
        assertThat(sim.faults()).doesNotContainKey("m");
        assertThat(sim.attempts("m")).extracting(Attempt::fault).containsExactly("status", "status", null);
    }

    @Test
    void fractionHitsAnExactDeterministicShare() {
        sim.fault("m", Fault.fraction(0.3, Fault.status(500)));
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            if (client.post("/v1/chat/completions", openai("m", false)).statusCode() == 500) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(6);
        List<String> pattern = sim.attempts("m").stream().map(a -> a.fault() == null ? "ok" : a.fault()).toList();
        sim.reset();
        sim.fault("m", Fault.fraction(0.3, Fault.status(500)));
        for (int i = 0; i < 20; i++) {
            client.post("/v1/chat/completions", openai("m", false));
        }
        assertThat(sim.attempts("m").stream().map(a -> a.fault() == null ? "ok" : a.fault()).toList()).isEqualTo(pattern);
    }

    @Test
    void fractionWithTimesStopsAfterNHits() {
        sim.fault("m", Fault.fraction(0.5, Fault.status(500)).times(1));
        int failures = 0;
        for (int i = 0; i < 6; i++) {
            if (client.post("/v1/chat/completions", openai("m", false)).statusCode() == 500) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(1);
    }

    @Test
    void faultsAreKeyedByModel() {
        sim.fault("bad", Fault.status(500));
        assertThat(client.post("/v1/chat/completions", openai("good", false)).statusCode()).isEqualTo(200);
        assertThat(client.post("/v1/chat/completions", openai("bad", false)).statusCode()).isEqualTo(500);
        sim.clearFault("bad");
        assertThat(client.post("/v1/chat/completions", openai("bad", false)).statusCode()).isEqualTo(200);
        sim.fault("bad", Fault.status(500));
        sim.clearFaults();
        assertThat(client.post("/v1/chat/completions", openai("bad", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void attemptsRecordProtocolStreamAndFault() {
        sim.fault("m", Fault.status(500).times(1));
        client.post("/v1/chat/completions", openai("m", false));
        client.post("/v1/chat/completions", openai("m", true));
        client.post("/v1/messages", anthropic("m", true));
        List<Attempt> a = sim.attempts("m");
        assertThat(a).hasSize(3);
        assertThat(sim.attemptCount("m")).isEqualTo(3);
        assertThat(a).extracting(Attempt::protocol).containsExactly("openai", "openai", "anthropic");
        assertThat(a).extracting(Attempt::stream).containsExactly(false, true, true);
        assertThat(a).extracting(Attempt::fault).containsExactly("status", null, null);
        assertThat(a.get(0).at()).isBeforeOrEqualTo(a.get(2).at());
        assertThat(sim.attemptCount("never")).isZero();
        sim.reset();
        assertThat(sim.attempts("m")).isEmpty();
    }

    @Test
    void latencyDelaysTheResponse() {
        sim.fault("m", Fault.latency(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.post("/v1/chat/completions", openai("m", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void resetBeforeHeadersIsATransportError() {
        sim.fault("m", Fault.resetBeforeHeaders());
        assertThatThrownBy(() -> client.send("/v1/chat/completions", openai("m", false), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(sim.attempts("m")).extracting(Attempt::fault).containsExactly("resetBeforeHeaders");
        sim.clearFaults();
        assertThat(client.post("/v1/chat/completions", openai("m", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void hangHoldsUntilTheClientGivesUp() {
        sim.fault("m", Fault.hang());
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client.send("/v1/messages", anthropic("m", false), Duration.ofMillis(400)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        awaitNothingHeld();
    }

    /** A held request notices its client left and lets go (well before the 5-minute bound). */
    static void awaitNothingHeld() {
        awaitNothingHeld(sim);
    }

    static void awaitNothingHeld(ProviderSim sim) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.heldRequests() > 0) {
            assertThat(System.nanoTime()).as("held request never released").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void cutAfterChunksAbortsMidStream() {
        sim.fault("m", Fault.cutAfterChunks(2));
        assertThatThrownBy(() -> client.send("/v1/chat/completions", openai("m", true), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void stallAfterChunksKeepsTheConnectionSilent() {
        sim.fault("m", Fault.stallAfterChunks(1));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client.sendWithin("/v1/messages", anthropic("m", true), Duration.ofMillis(500)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        awaitNothingHeld();
    }

    @Test
    void malformedChunkIsNotJson() {
        sim.fault("m", Fault.malformedChunkAfter(2));
        HttpResponse<String> r = client.post("/v1/chat/completions", openai("m", true));
        List<String> data = Sse.data(r.body());
        assertThat(data).hasSize(4); // role chunk, 2 content chunks, the broken one
        SimClient.json(data.get(2));
        assertThatThrownBy(() -> SimClient.json(data.get(3))).isInstanceOf(RuntimeException.class);
        assertThat(data).doesNotContain("[DONE]");
    }

    @Test
    void streamFaultsOnNonStreamingRequestsBreakTheBody() throws Exception {
        sim.fault("m", Fault.cutAfterChunks(1));
        assertThatThrownBy(() -> client.send("/v1/chat/completions", openai("m", false), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        sim.fault("m", Fault.stallAfterChunks(1));
        assertThatThrownBy(() -> client.sendWithin("/v1/chat/completions", openai("m", false), Duration.ofMillis(400)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        sim.fault("m", Fault.malformedChunkAfter(1));
        HttpResponse<String> malformed = client.post("/v1/chat/completions", openai("m", false));
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> SimClient.json(malformed.body())).isInstanceOf(RuntimeException.class);
        sim.fault("c", Fault.errorAfterChunks(1, 529));
        HttpResponse<String> error = client.post("/v1/messages", anthropic("c", false));
        assertThat(error.statusCode()).isEqualTo(529);
        assertThat(SimClient.json(error).path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void noDoneCompletesTheAnswerWithoutTerminator() {
        sim.fault("m", Fault.noDone());
        List<String> data = Sse.data(client.post("/v1/chat/completions", openai("m", true)).body());
        assertThat(data).doesNotContain("[DONE]");
        assertThat(SimClient.json(data.get(data.size() - 1)).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("stop");
        sim.fault("c", Fault.noDone());
        List<Sse.Event> events = Sse.parse(client.post("/v1/messages", anthropic("c", true)).body());
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_delta");
        assertThat(events).extracting(Sse.Event::event).doesNotContain("message_stop");
    }

    @Test
    void errorAfterChunksSendsAnthropicErrorEvent() {
        sim.fault("c", Fault.errorAfterChunks(1, 529));
        List<Sse.Event> events = Sse.parse(client.post("/v1/messages", anthropic("c", true)).body());
        Sse.Event last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("error");
        assertThat(SimClient.json(last.data()).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(events).extracting(Sse.Event::event).filteredOn("content_block_delta"::equals).hasSize(1);
    }

    @Test
    void firstTokenDelayAndChunkDelaySlowTheStream() {
        sim.fault("m", Fault.firstTokenDelay(Duration.ofMillis(250)));
        long t0 = System.nanoTime();
        assertThat(client.post("/v1/chat/completions", openai("m", true)).body()).contains("[DONE]");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        sim.fault("m", Fault.chunkDelay(Duration.ofMillis(60)));
        long t1 = System.nanoTime();
        assertThat(client.post("/v1/chat/completions", openai("m", true)).body()).contains("[DONE]");
        // 5 content chunks -> 4 gaps of 60 ms
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }

    @Test
    void contextLengthAndContentPolicyLookLikeTheProviders() {
        sim.fault("m", Fault.contextLengthExceeded());
        HttpResponse<String> r = client.post("/v1/chat/completions", openai("m", false));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode err = SimClient.json(r).path("error");
        assertThat(err.path("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(err.path("param").asText()).isEqualTo("messages");
        assertThat(err.path("message").asText()).startsWith("This model's maximum context length is 8192 tokens");

        sim.fault("m", Fault.contentPolicy());
        HttpResponse<String> p = client.post("/v1/chat/completions", openai("m", false));
        assertThat(p.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(p).path("error").path("code").asText()).isEqualTo("content_policy_violation");

        sim.fault("c", Fault.contextLengthExceeded());
        HttpResponse<String> a = client.post("/v1/messages", anthropic("c", false));
        assertThat(a.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(a).path("error").path("message").asText()).isEqualTo("prompt is too long: 8193 tokens > 8192 maximum");

        sim.fault("c", Fault.contentPolicy());
        JsonNode refusal = SimClient.json(client.post("/v1/messages", anthropic("c", false)));
        assertThat(refusal.path("stop_reason").asText()).isEqualTo("refusal");
        List<Sse.Event> events = Sse.parse(client.post("/v1/messages", anthropic("c", true)).body());
        assertThat(events).extracting(Sse.Event::event).containsExactly("message_start", "ping", "message_delta", "message_stop");
        assertThat(SimClient.json(events.get(2).data()).path("delta").path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void configuredContextWindowRejectsLongPrompts() {
        sim.model("small").contextWindow(3);
        assertThat(client.post("/v1/chat/completions",
                "{\"model\":\"small\",\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}").statusCode()).isEqualTo(200);
        HttpResponse<String> r = client.post("/v1/chat/completions", openai("small", false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(r).path("error").path("message").asText())
                .isEqualTo("This model's maximum context length is 3 tokens. However, your messages resulted in 4 tokens. "
                        + "Please reduce the length of the messages.");
    }

    @Test
    void closeReleasesHungRequestsPromptly() throws Exception {
        ProviderSim own = ProviderSim.start();
        own.fault("m", Fault.hang());
        SimClient c = new SimClient(own.baseUrl());
        var result = new java.util.concurrent.CompletableFuture<Throwable>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                c.send("/v1/chat/completions", openai("m", false), Duration.ofSeconds(30));
                result.complete(null);
            } catch (Throwable e) {
                result.complete(e);
            }
        });
        while (own.attemptCount("m") == 0) {
            Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        own.close();
        Throwable e = result.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        t.join();
    }
}
