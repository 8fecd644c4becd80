package dev.detour.bench.quality;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTest {

    @Test
    void holdsOutTwoInTenAndValidatesOnOneInTen() {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (long id = 0; id < 100_000; id++) {
            counts.merge(Split.of(id), 1, Integer::sum);
        }
        assertThat(counts.get(Split.HELD_OUT)).isBetween(19_500, 20_500);
        assertThat(counts.get(Split.VALIDATION)).isBetween(9_500, 10_500);
        assertThat(counts.get(Split.TRAIN)).isBetween(69_500, 70_500);
    }

    @Test
    void aPairAlwaysFallsInTheSamePart() {
        for (long id = 0; id < 1_000; id++) {
            assertThat(Split.of(id)).isEqualTo(Split.of(id));
        }
        // SplitMix64's finaliser of 0 is 0: pair 0 is held out, on every JVM
        assertThat(Split.of(0)).isEqualTo(Split.HELD_OUT);
    }

    @Test
    void precisionCountsNoHitAsNoWrongAnswer() {
        assertThat(new PrPoint("r", 0.9, 0, 0, 10).precision()).isEqualTo(1.0);
        assertThat(new PrPoint("r", 0.9, 4, 3, 10).precision()).isEqualTo(0.75);
        assertThat(new PrPoint("r", 0.9, 4, 3, 10).recall()).isEqualTo(0.3);
    }
}
