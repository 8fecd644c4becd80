package dev.detour.cache.verify;

/**
 * A second opinion on a candidate semantic hit, after the vector search: cosine similarity alone lets wrong hits
 * through ("2+2" vs "2+3"), so every candidate is judged before it may answer a request.
 */
@FunctionalInterface
public interface HitVerifier {

    /**
     * Judges whether the answer cached for {@code cachedText} also answers {@code queryText}.
     *
     * @param cachedVector the stored entry's embedding (normalised), same model as {@code queryVector}
     * @param cosine       their cosine similarity, as the index computed it
     */
    Verdict judge(String cachedText, String queryText, float[] cachedVector, float[] queryVector, double cosine);
}
