package dev.detour.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsMeasureBothTargetsBothModesAtOneAndSixtyFourConnections() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.cells()).hasSize(8).startsWith(new Cell(Target.DIRECT, Mode.JSON, 1),
                new Cell(Target.GATEWAY, Mode.JSON, 1), new Cell(Target.DIRECT, Mode.JSON, 64));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.jvmFlags()).contains("-Xmx512m", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void readsDurationsConnectionsModesAndCollector() {
        BenchOptions options = BenchOptions.parse("--duration", "1500ms", "--warmup", "2s", "--connections", "4, 16",
                "--modes", "stream", "--gc", "parallel", "--jfr");

        assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.cells()).containsExactly(new Cell(Target.DIRECT, Mode.STREAM, 4),
                new Cell(Target.GATEWAY, Mode.STREAM, 4), new Cell(Target.DIRECT, Mode.STREAM, 16),
                new Cell(Target.GATEWAY, Mode.STREAM, 16));
        assertThat(options.jvmFlags()).contains("-XX:+UseParallelGC");
        assertThat(options.jfr()).isTrue();
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchOptions.parse("--gc", "zgc")).hasMessageContaining("g1, parallel");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> BenchOptions.parse("--connections", "0")).hasMessageContaining("positive");
    }
}
