package dev.detour.cache.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairFeaturesTest {

    private final PairFeatures features = new PairFeatures(2);

    private double feature(double[] f, String name) {
        return f[features.names().indexOf(name)];
    }

    @Test
    void namesTheLexicalFeaturesThenTwoPerDimension() {
        assertThat(features.names()).startsWith("cosine", "cosine_sq").endsWith("prod_0", "prod_1", "absdiff_0", "absdiff_1");
        assertThat(new PairFeatures(0).names()).doesNotContain("prod_0");
    }

    @Test
    void identicalQuestionsOverlapFully() {
        ParsedQuestion q = ParsedQuestion.of("How do I learn Python?");
        double[] f = features.compute(q, q, new float[] {0.6f, 0.8f}, new float[] {0.6f, 0.8f}, 1.0);
        assertThat(feature(f, "token_jaccard")).isEqualTo(1.0);
        assertThat(feature(f, "char3_jaccard")).isEqualTo(1.0);
        assertThat(feature(f, "same_content_set")).isEqualTo(1.0);
        assertThat(feature(f, "numbers_differ")).isZero();
        assertThat(feature(f, "prod_1")).isCloseTo(0.64, within(1e-6));
        assertThat(feature(f, "absdiff_0")).isZero();
    }

    @Test
    void theGuardsFindingsAreFeaturesOfTheirOwn() {
        double[] f = features.compute(ParsedQuestion.of("Is Python faster than Java in 2016?"),
                ParsedQuestion.of("Is Java not faster than Python in 2017?"), new float[2], new float[2], 0.9);
        assertThat(feature(f, "numbers_differ")).isEqualTo(1.0);
        assertThat(feature(f, "negation_differs")).isEqualTo(1.0);
        assertThat(feature(f, "swapped_roles")).isEqualTo(1.0);
        assertThat(feature(f, "unmatched_content_cached")).isGreaterThan(0.0);
    }

    @Test
    void charTrigramsIgnoreCaseAndPunctuation() {
        assertThat(PairFeatures.charTrigramJaccard("How do I lose weight?", "how do i lose weight")).isEqualTo(1.0);
        assertThat(PairFeatures.charTrigramJaccard("abc", "xyz")).isZero();
    }

    @Test
    void vectorsOfAnotherSizeAreRefused() {
        ParsedQuestion q = ParsedQuestion.of("a question");
        assertThatThrownBy(() -> features.compute(q, q, new float[3], new float[3], 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2-dimension");
    }
}
