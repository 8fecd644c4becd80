package dev.detour.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream faults behave the same way in every protocol: counted in content chunks, before the finish. */
@Timeout(30)
class StreamFaultsAcrossProtocolsTest {

    /** A streaming request for "one two three four" (answer: 5 content chunks) in each protocol. */
    enum Wire {
        OPENAI("/v1/chat/completions",
                "{\"model\":\"M\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}",
                "Echo:", "\"finish_reason\":\"stop\""),
        ANTHROPIC("/v1/messages",
                "{\"model\":\"M\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}",
                "Echo:", "\"stop_reason\":\"end_turn\""),
        GEMINI("/v1beta/models/M:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"one two three four\"}]}]}",
                "Echo:", "\"finishReason\":\"STOP\""),
        OLLAMA("/api/chat",
                "{\"model\":\"M\",\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}",
                "Echo:", "\"done\":true");

        final String path;
        final String body;
        final String firstWord;
        final String finish;

        Wire(String path, String body, String firstWord, String finish) {
            this.path = path;
            this.body = body;
            this.firstWord = firstWord;
            this.finish = finish;
        }

        String body(String model) {
            return body.replace("\"M\"", "\"" + model + "\"");
        }

        String path(String model) {
            return path.replace("/M:", "/" + model + ":");
        }
    }

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

    @ParameterizedTest
    @EnumSource(Wire.class)
    void plainStreamCarriesAllWordsAndTheFinish(Wire w) {
        HttpResponse<String> r = client.post(w.path("ok"), w.body("ok"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(w.firstWord, " four", w.finish);
        assertThat(sim.attempts("ok")).singleElement().satisfies(a -> assertThat(a.stream()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void cutAfterChunksIsATransportErrorMidStream(Wire w) {
        sim.fault("m", Fault.cutAfterChunks(2));
        assertThatThrownBy(() -> client.send(w.path("m"), w.body("m"), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void stallAfterChunksNeverFinishes(Wire w) {
        sim.fault("m", Fault.stallAfterChunks(1));
        assertThatThrownBy(() -> client.sendWithin(w.path("m"), w.body("m"), Duration.ofMillis(300)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        FaultsTest.awaitNothingHeld(sim);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void malformedChunkEndsTheStreamWithoutAFinish(Wire w) {
        sim.fault("m", Fault.malformedChunkAfter(1));
        HttpResponse<String> r = client.post(w.path("m"), w.body("m"));
        assertThat(r.body()).contains(w.firstWord).doesNotContain(" two").doesNotContain(w.finish);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void noDoneDropsOnlyTheTerminator(Wire w) {
        sim.fault("m", Fault.noDone());
        String body = client.post(w.path("m"), w.body("m")).body();
        assertThat(body).contains(" four").doesNotContain("[DONE]").doesNotContain("message_stop")
                .doesNotContain("\"done\":true").doesNotContain("finishReason");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void firstTokenDelayHoldsTheFirstWord(Wire w) {
        sim.fault("m", Fault.firstTokenDelay(Duration.ofMillis(200)));
        long t0 = System.nanoTime();
        assertThat(client.post(w.path("m"), w.body("m")).body()).contains(w.finish);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
