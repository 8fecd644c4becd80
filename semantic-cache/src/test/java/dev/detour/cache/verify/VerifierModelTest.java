package dev.detour.cache.verify;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VerifierModelTest {

    private static VerifierModel read(String text) throws IOException {
        return VerifierModel.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt");
    }

    @Test
    void probabilityIsTheLogisticOfTheStandardisedWeightedSum() throws IOException {
        VerifierModel model = read("""
                # two features
                embedding-model m
                cosine-floor 0.8
                accept-threshold 0.9
                bias 0.5
                feature a 1.0 2.0 3.0
                feature b 0.0 1.0 -1.0
                """);
        // z = 0.5 + 3 * (2 - 1) / 2 - 1 * (0.25 - 0) / 1 = 1.75
        assertThat(model.probability(new double[] {2, 0.25})).isCloseTo(1 / (1 + Math.exp(-1.75)), within(1e-12));
        assertThat(model.cosineFloor()).isEqualTo(0.8);
        assertThat(model.acceptThreshold()).isEqualTo(0.9);
        assertThat(model.featureNames()).containsExactly("a", "b");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        VerifierModel model = new VerifierModel("m", 0.75, 0.93, -0.25, List.of("x", "y"), new double[] {0.1, 0.2},
                new double[] {1.5, 0.5}, new double[] {2.0, -3.0});
        StringWriter out = new StringWriter();
        model.write(out, List.of("made by a test"));
        VerifierModel back = read(out.toString());
        assertThat(out.toString()).startsWith("# made by a test\n");
        assertThat(back.embeddingModel()).isEqualTo("m");
        assertThat(back.bias()).isEqualTo(-0.25);
        assertThat(back.weights()).containsExactly(2.0, -3.0);
        assertThat(back.probability(new double[] {1, 1})).isEqualTo(model.probability(new double[] {1, 1}));
    }

    @Test
    void aBadLineIsNamedByNumber() {
        assertThatThrownBy(() -> read("embedding-model m\ncosine-floor 0.8\nfeature a 1 0 2\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("test.txt line 3").hasMessageContaining("scale");
        assertThatThrownBy(() -> read("embedding-model m\nthreshold 0.8\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2: unknown key 'threshold'");
    }

    @Test
    void aFileWithoutItsThresholdsIsRefused() {
        assertThatThrownBy(() -> read("embedding-model m\nbias 0\nfeature a 0 1 1\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("needs embedding-model, cosine-floor");
    }

    @Test
    void aModelTrainedOnOtherFeaturesIsRefused() {
        VerifierModel model = new VerifierModel("m", 0.8, 0.9, 0, List.of("cosine", "prod_0"), new double[2],
                new double[] {1, 1}, new double[2]);
        assertThatThrownBy(() -> new TrainedVerifier(model, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retrain");
    }
}
