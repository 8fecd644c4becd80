package dev.detour.cache.verify;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped default, judged with real embeddings on hand-written pairs. */
class HitVerifiersTest {

    private static EmbeddingModel embedder;
    private static TrainedVerifier standard;

    @BeforeAll
    static void load() {
        embedder = new AllMiniLmL6V2QuantizedEmbeddingModel();
        standard = HitVerifiers.standard();
    }

    private static Verdict judge(HitVerifier verifier, String cached, String query) {
        float[] a = normalised(embedder.embed(cached).content().vector());
        float[] b = normalised(embedder.embed(query).content().vector());
        double cosine = 0;
        for (int i = 0; i < a.length; i++) {
            cosine += a[i] * b[i];
        }
        return verifier.judge(cached, query, a, b, cosine);
    }

    private static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-minilm-l6-v2-q", "bge-small-en-v1.5-q"})
    void shipsAModelForEachOfferedEmbeddingModel(String embeddingModel) {
        VerifierModel model = HitVerifiers.model(embeddingModel);
        assertThat(model.embeddingModel()).isEqualTo(embeddingModel);
        assertThat(model.featureNames()).isEqualTo(new PairFeatures(384).names());
        assertThat(model.cosineFloor()).isBetween(0.5, 1.0);
        assertThat(model.acceptThreshold()).isBetween(0.0, 1.0);
        assertThat(HitVerifiers.standard(embeddingModel).model().weights()).containsExactly(model.weights());
    }

    @Test
    void anUnknownEmbeddingModelIsRefusedByName() {
        assertThatThrownBy(() -> HitVerifiers.standard("text-embedding-3-small"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text-embedding-3-small");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How can I lose weight fast? | How can I lose weight fast?",
            "How do I improve my English speaking skills? | How can I improve my English speaking skills?"})
    void acceptsTheSameQuestionAndAVeryCloseParaphrase(String cached, String query) {
        // The default is strict (chosen for precision: benchmarks/README.md); looser paraphrases are mostly refused.
        assertThat(judge(standard, cached, query).accepted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What is 2+2? | What is 2+3?",
            "Is it safe to eat raw eggs? | Is it not safe to eat raw eggs?",
            "Cheap flights from Boston to Denver | Cheap flights from Denver to Boston",
            "Who is the CEO of Apple? | Who is the CEO of Google?",
            "How do I learn Python programming? | How do I learn to cook Italian food?"})
    void rejectsDifferentQuestions(String cached, String query) {
        Verdict verdict = judge(standard, cached, query);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).isNotBlank();
    }

    @Test
    void belowTheCosineFloorNothingIsAccepted() {
        Verdict verdict = standard.judge("a", "a", new float[384], new float[384], standard.model().cosineFloor() - 0.01);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).contains("below");
    }
}
