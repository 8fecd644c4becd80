package dev.detour.gateway.consensus;

/** Compares answers by their normalised words ({@link AnswerSimilarity}): used when the cache's embedder is off. */
public final class LexicalComparer implements AnswerComparer {

    public static final String NAME = "lexical";

    @Override
    public double similarity(String a, String b) {
        return AnswerSimilarity.of(a, b);
    }

    @Override
    public String name() {
        return NAME;
    }
}
