package dev.detour.gateway.language;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptLanguageDetectorTest {

    private final PromptLanguageDetector detector = new PromptLanguageDetector(List.of("sv"));

    @Test
    void detectsCommonLanguagesOfOrdinaryPrompts() {
        assertThat(detector.detect("Why is the sky blue? Explain it briefly.")).isEqualTo("en");
        assertThat(detector.detect("请用三句话解释一下为什么天空是蓝色的。")).isEqualTo("zh");
        assertThat(detector.detect("空が青いのはなぜですか。簡単に説明してください。")).isEqualTo("ja");
        assertThat(detector.detect("하늘은 왜 파란색인가요? 간단히 설명해 주세요.")).isEqualTo("ko");
        assertThat(detector.detect("Pourquoi le ciel est-il bleu ? Explique-le brièvement.")).isEqualTo("fr");
    }

    @Test
    void detectsALanguageTheConfigurationAdded() {
        assertThat(detector.detect("Varför är himlen blå? Förklara det kortfattat.")).isEqualTo("sv");
    }

    @Test
    void saysNothingWhenThereIsNothingToGoOn() {
        assertThat(detector.detect(null)).isNull();
        assertThat(detector.detect("   ")).isNull();
        assertThat(detector.detect("12345 !!!")).isNull();
    }
}
