package dev.detour.gateway.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Durations and sizes are written the way people write them, and nothing ambiguous is guessed. */
class DurationsAndSizesTest {

    @ParameterizedTest
    @CsvSource({"2s, 2000", "1500ms, 1500", "1m, 60000", "1h, 3600000", "1.5s, 1500", "0s, 0", "' 3s ', 3000"})
    void parsesDurationsWithAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2 sec", "-1s", "s", "1.0005s", "two seconds", "2S"})
    void refusesDurationsWithoutAKnownUnit(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"2000, 2s", "1500, 1500ms", "60000, 1m", "90000, 90s", "7200000, 2h", "0, 0s"})
    void formatsDurationsAsTheyAreParsed(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"4MiB, 4194304", "4 MiB, 4194304", "4MB, 4000000", "512KiB, 524288", "1GiB, 1073741824",
            "1048576, 1048576", "100B, 100", "0.5KiB, 512", "4mib, 4194304", "1_000, 1000"})
    void parsesSizes(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4 parsecs", "MiB", "-1", "0.3B", "1.5", "99999999999GiB"})
    void refusesWhatIsNotAWholeSize(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSizes.parse(text));
    }
}
