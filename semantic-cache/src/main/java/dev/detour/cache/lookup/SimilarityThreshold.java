package dev.detour.cache.lookup;

import dev.detour.cache.verify.HitVerifier;
import dev.detour.cache.verify.Verdict;

/**
 * The plain verifier: a candidate is accepted when its cosine similarity reaches a threshold. Weaker than a trained
 * verifier (cosine lets "2+2" pass for "2+3"), but real, and the floor every other verifier builds on.
 */
public record SimilarityThreshold(double threshold) implements HitVerifier {

    public SimilarityThreshold {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
    }

    @Override
    public Verdict judge(String cachedText, String queryText, float[] cachedVector, float[] queryVector,
                         double cosine) {
        return cosine >= threshold
                ? Verdict.accept(cosine, "cosine " + round(cosine) + " >= " + threshold)
                : Verdict.reject(cosine, "cosine " + round(cosine) + " < " + threshold);
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
