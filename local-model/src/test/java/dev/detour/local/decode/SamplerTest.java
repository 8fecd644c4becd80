package dev.detour.local.decode;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTest {

    private static final float[] LOGITS = {0.5f, 3.0f, -1.0f, 2.9f, 1.0f, -7f, 2.0f};

    @Test
    void greedyPicksTheLargestLogit() {
        assertThat(new Sampler(SamplingSettings.greedy()).next(LOGITS.clone())).isEqualTo(1);
    }

    @Test
    void topIndicesAreInDescendingOrder() {
        assertThat(Sampler.topIndices(LOGITS, 3)).containsExactly(1, 3, 6);
        assertThat(Sampler.topIndices(LOGITS, LOGITS.length)).containsExactly(1, 3, 6, 4, 0, 2, 5);
        assertThat(Sampler.topIndices(new float[] {-1f, -0.5f, -2f}, 2)).containsExactly(1, 0);
    }

    @Test
    void topKOfOneIsGreedy() {
        Sampler sampler = new Sampler(new SamplingSettings(5.0, 1.0, 1, 99));
        for (int i = 0; i < 50; i++) {
            assertThat(sampler.next(LOGITS.clone())).isEqualTo(1);
        }
    }

    @Test
    void topKKeepsOnlyTheKMostLikely() {
        Sampler sampler = new Sampler(new SamplingSettings(10.0, 1.0, 2, 1));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(sampler.next(LOGITS.clone()));
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void topPKeepsTheSmallestSetReachingIt() {
        // Probabilities at temperature 1: index 1 ~0.40, index 3 ~0.36, index 6 ~0.15...; top_p 0.7 keeps 1 and 3.
        Sampler sampler = new Sampler(new SamplingSettings(1.0, 0.7, 0, 5));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(sampler.next(LOGITS.clone()));
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void plainSamplingReachesUnlikelyTokensAtHighTemperature() {
        Sampler sampler = new Sampler(new SamplingSettings(50.0, 1.0, 0, 3));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(sampler.next(LOGITS.clone()));
        }
        assertThat(seen).hasSize(LOGITS.length);
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        Sampler a = new Sampler(new SamplingSettings(1.0, 0.9, 0, 1234));
        Sampler b = new Sampler(new SamplingSettings(1.0, 0.9, 0, 1234));
        for (int i = 0; i < 100; i++) {
            assertThat(a.next(LOGITS.clone())).isEqualTo(b.next(LOGITS.clone()));
        }
    }
}
