package dev.detour.cache.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The verifiers the cache offers, with the default chosen from the quality benchmark (benchmarks/README.md). */
public final class HitVerifiers {

    /** The embedding model the cache uses unless configured otherwise. */
    public static final String DEFAULT_EMBEDDING_MODEL = "all-minilm-l6-v2-q";

    private HitVerifiers() {
    }

    /** The default verifier for the default embedding model: cosine floor, guard, trained model. */
    public static TrainedVerifier standard() {
        return standard(DEFAULT_EMBEDDING_MODEL);
    }

    /** The default verifier for {@code embeddingModel} ("all-minilm-l6-v2-q" or "bge-small-en-v1.5-q"). */
    public static TrainedVerifier standard(String embeddingModel) {
        return new TrainedVerifier(model(embeddingModel), true);
    }

    /** The word rules alone, without a model: for tests and for measuring what the model adds. */
    public static FalseHitGuard guardOnly() {
        return new FalseHitGuard();
    }

    /** The learned parameters shipped for {@code embeddingModel}, from the classpath. */
    public static VerifierModel model(String embeddingModel) {
        String resource = resourceName(embeddingModel);
        try (InputStream in = HitVerifiers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no verifier model for embedding model '" + embeddingModel
                        + "' (classpath resource " + resource + ")");
            }
            VerifierModel model = VerifierModel.read(in, resource);
            if (!model.embeddingModel().equals(embeddingModel)) {
                throw new IllegalStateException(resource + " was trained for " + model.embeddingModel());
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the parameters for {@code embeddingModel} live, relative to this class's package. */
    public static String resourceName(String embeddingModel) {
        return "verifier-" + embeddingModel + ".txt";
    }
}
