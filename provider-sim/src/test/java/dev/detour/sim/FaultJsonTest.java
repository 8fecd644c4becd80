package dev.detour.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultJsonTest {

    @Test
    void everyFaultSurvivesARoundTrip() {
        List<Fault> all = List.of(
                Fault.latency(Duration.ofMillis(250)),
                Fault.firstTokenDelay(Duration.ofSeconds(1)),
                Fault.chunkDelay(Duration.ofMillis(20)),
                Fault.status(429).retryAfter(Duration.ofMillis(1500)).times(3),
                Fault.resetBeforeHeaders(),
                Fault.hang(),
                Fault.cutAfterChunks(2),
                Fault.stallAfterChunks(0),
                Fault.malformedChunkAfter(1),
                Fault.errorAfterChunks(3, 529),
                Fault.noDone().times(1),
                Fault.contextLengthExceeded(),
                Fault.contentPolicy(),
                Fault.fraction(0.25, Fault.status(500)).times(2));
        for (Fault f : all) {
            assertThat(FaultJson.read(FaultJson.write(f))).as(f.toString()).isEqualTo(f);
        }
    }

    @Test
    void readsTheDocumentedForm() {
        Fault f = FaultJson.read(SimClient.json("{\"type\":\"status\",\"status\":503,\"retryAfterMs\":2000,\"times\":1}"));
        assertThat(f).isEqualTo(Fault.status(503).retryAfter(Duration.ofSeconds(2)).times(1));
        assertThat(FaultJson.read(SimClient.json("{\"type\":\"latency\",\"delay\":\"2s\"}")))
                .isEqualTo(Fault.latency(Duration.ofSeconds(2)));
        assertThat(FaultJson.read(SimClient.json("{\"type\":\"status\",\"status\":429,\"retryAfter\":\"500ms\"}")))
                .isEqualTo(Fault.status(429).retryAfter(Duration.ofMillis(500)));
    }

    @Test
    void rejectsBadFaultsNamingTheProblem() {
        assertThatThrownBy(() -> FaultJson.read(SimClient.json("{\"type\":\"nope\"}"))).hasMessageContaining("nope");
        assertThatThrownBy(() -> FaultJson.read(SimClient.json("{\"type\":\"cutAfterChunks\"}"))).hasMessageContaining("chunks");
        assertThatThrownBy(() -> FaultJson.read(SimClient.json("{\"type\":\"latency\"}"))).hasMessageContaining("ms");
        assertThatThrownBy(() -> FaultJson.read(SimClient.json("{\"type\":\"status\",\"status\":200}"))).hasMessageContaining("200");
        assertThatThrownBy(() -> FaultJson.read(SimClient.json("{\"type\":\"fraction\",\"p\":2,\"fault\":{\"type\":\"hang\"}}")))
                .hasMessageContaining("fraction");
        assertThatThrownBy(() -> Fault.status(503).times(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultBookCountsTimesAndSpreadsFractionsWithoutANetwork() {
        FaultBook book = new FaultBook();
        book.set("m", Fault.status(500).times(2));
        assertThat(book.take("m")).isNotNull();
        assertThat(book.take("m")).isNotNull();
        assertThat(book.take("m")).isNull();
        assertThat(book.snapshot()).isEmpty();

        book.set("f", Fault.fraction(0.5, Fault.hang()));
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            pattern.append(book.take("f") == null ? '.' : 'X');
        }
        assertThat(pattern.toString()).isEqualTo(".X.X.X");
        assertThat(book.take("other")).isNull();
    }
}
