package dev.detour.gateway.consensus;

import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The meaning comparison with the real default embedder (all-MiniLM-L6-v2, quantised) and the false-hit guard. */
class MeaningComparerTest {

    private static final double MIN_SIMILARITY = 0.8; // the documented default of consensus.min_similarity
    private static OnnxEmbedder model;
    private static MeaningComparer meaning;
    private static final LexicalComparer LEXICAL = new LexicalComparer();

    @BeforeAll
    static void load() {
        model = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
        meaning = new MeaningComparer(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static final List<List<String>> PARAPHRASES = List.of(
            List.of("The capital of France is Paris.", "Paris is France's capital city."),
            List.of("Water boils at 100 degrees at sea level.",
                    "At sea level, the boiling point of water is 100 degrees."),
            List.of("No, it isn't safe to eat raw chicken.", "Eating uncooked chicken is not safe."),
            List.of("You should restart the server to apply the new configuration.",
                    "To make the new settings take effect, reboot the server."),
            List.of("Photosynthesis lets plants turn sunlight, water and carbon dioxide into sugar and oxygen.",
                    "Plants use light to make glucose and oxygen from air and water; this is called photosynthesis."));

    private static final List<List<String>> CONTRADICTIONS = List.of(
            List.of("The answer is 42.", "The answer is 43."),
            List.of("The capital of France is Paris.", "The capital of France is Lyon."),
            List.of("Yes, it is safe to eat raw oysters in moderation.",
                    "No, it is not safe to eat raw oysters in moderation."),
            List.of("The Treaty of Versailles was signed in 1919.", "The Treaty of Versailles was signed in 1920."),
            List.of("Python lists are mutable.", "Python lists are immutable."),
            List.of("Yes, you can.", "No, you can."));

    @Test
    void aParaphraseAgreesByMeaningThoughItSharesFewWords() {
        for (List<String> pair : PARAPHRASES) {
            double byMeaning = meaning.similarity(pair.get(0), pair.get(1));
            double byWords = LEXICAL.similarity(pair.get(0), pair.get(1));
            System.out.printf("paraphrase meaning=%.3f lexical=%.3f  %s | %s%n", byMeaning, byWords, pair.get(0), pair.get(1));
            assertThat(byWords).as("lexical: %s", pair).isLessThan(MIN_SIMILARITY);
            assertThat(byMeaning).as("meaning: %s", pair).isGreaterThan(byWords);
        }
    }

    @Test
    void differentNumbersNamesOrANegationDisagreeThoughTheirEmbeddingsAreClose() {
        for (List<String> pair : CONTRADICTIONS) {
            double cosine = cosine(pair.get(0), pair.get(1));
            double byMeaning = meaning.similarity(pair.get(0), pair.get(1));
            System.out.printf("contradiction cosine=%.3f meaning=%.3f  %s | %s%n", cosine, byMeaning, pair.get(0), pair.get(1));
            assertThat(byMeaning).as("meaning: %s", pair).isZero();
        }
        // the guard is what catches them: the embeddings alone call "42" and "43" the same answer
        assertThat(cosine("The answer is 42.", "The answer is 43.")).isGreaterThan(MIN_SIMILARITY);
    }

    @Test
    void theSameAnswerAgreesFullyAndAnUnrelatedOneDoesNot() {
        assertThat(meaning.similarity("Paris.", "  Paris.  ")).isEqualTo(1.0);
        double unrelated = meaning.similarity("The capital of France is Paris.",
                "Use a binary search to find an element in a sorted array.");
        System.out.printf("unrelated meaning=%.3f cosine=%.3f%n", unrelated, cosine("The capital of France is Paris.",
                "Use a binary search to find an element in a sorted array."));
        assertThat(unrelated).isLessThan(0.5);
        assertThat(meaning.similarity("", "Paris.")).isZero();
    }

    @Test
    void aVeryLongAnswerIsCutBeforeItIsEmbedded() {
        String sentence = "The mitochondria is the powerhouse of the cell. ";
        String longAnswer = sentence.repeat(2000); // ~100 000 characters
        assertThat(longAnswer.length()).isGreaterThan(MeaningComparer.MAX_EMBEDDED_CHARS * 10);
        assertThat(meaning.similarity(longAnswer, sentence + "It makes the cell's energy."))
                .isGreaterThan(0.5);
    }

    private static double cosine(String a, String b) {
        float[] x = model.embed(a);
        float[] y = model.embed(b);
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot;
    }

    @Test
    void namesItselfForTheHeaders() {
        assertThat(meaning.name()).isEqualTo("meaning");
        assertThat(LEXICAL.name()).isEqualTo("lexical");
    }
}
