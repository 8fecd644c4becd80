package dev.detour.gateway.consensus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnswerSimilarityTest {

    @Test
    void caseAndPunctuationDoNotMatter() {
        assertThat(AnswerSimilarity.of("The capital of France is Paris.", "the capital of france is paris"))
                .isEqualTo(1.0);
    }

    @Test
    void sharedWordsCountAsOftenAsTheyAppearInBoth() {
        // 3 shared words of 4 + 4.
        assertThat(AnswerSimilarity.of("it is paris indeed", "it is paris surely")).isCloseTo(0.75, within(1e-9));
        assertThat(AnswerSimilarity.of("yes yes yes", "yes")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void differentAnswersAreFarApart() {
        assertThat(AnswerSimilarity.of("The answer is 42.", "I cannot help with that request.")).isLessThan(0.2);
    }

    @Test
    void chineseIsComparedCharacterByCharacter() {
        assertThat(AnswerSimilarity.of("天空是蓝色的。", "天空是蓝色的")).isEqualTo(1.0);
        assertThat(AnswerSimilarity.of("天空是蓝色的", "天空是红色的")).isCloseTo(10.0 / 12, within(1e-9));
    }

    @Test
    void twoEmptyAnswersAgreeAndEmptyAgainstTextDoesNot() {
        assertThat(AnswerSimilarity.of("", null)).isEqualTo(1.0);
        assertThat(AnswerSimilarity.of("", "something")).isZero();
    }
}
