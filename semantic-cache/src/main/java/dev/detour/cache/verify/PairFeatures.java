package dev.detour.cache.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The numbers the trained verifier reads about a (cached question, new question) pair: cosine, word and character
 * overlap, length ratio, the guard's findings, and the element-wise product and distance of the two embeddings. The
 * same code computes them for training (benchmarks) and at lookup time, so the two cannot drift apart.
 */
public final class PairFeatures {

    private static final List<String> LEXICAL = List.of("cosine", "cosine_sq", "token_jaccard", "content_jaccard",
            "char3_jaccard", "length_ratio", "unmatched_content_cached", "unmatched_content_query", "same_first_word",
            "same_content_set", "numbers_differ", "names_replaced", "name_unmatched_one_side", "negation_differs",
            "polarity", "swapped_roles");

    private final int dimensions;
    private final List<String> names;

    public PairFeatures(int dimensions) {
        this.dimensions = dimensions;
        List<String> n = new ArrayList<>(LEXICAL);
        for (int i = 0; i < dimensions; i++) {
            n.add("prod_" + i);
        }
        for (int i = 0; i < dimensions; i++) {
            n.add("absdiff_" + i);
        }
        this.names = List.copyOf(n);
    }

    /** The feature names, in the order {@link #compute} fills them. */
    public List<String> names() {
        return names;
    }

    public int dimensions() {
        return dimensions;
    }

    public double[] compute(ParsedQuestion cached, ParsedQuestion query, float[] cachedVector, float[] queryVector,
                            double cosine) {
        // a model without embedding features (dimensions 0) reads only the cosine of the vectors
        if (dimensions > 0 && (cachedVector.length != dimensions || queryVector.length != dimensions)) {
            throw new IllegalArgumentException("expected " + dimensions + "-dimension vectors, got "
                    + cachedVector.length + " and " + queryVector.length);
        }
        double[] f = new double[names.size()];
        int k = 0;
        f[k++] = cosine;
        f[k++] = cosine * cosine;
        f[k++] = jaccard(new HashSet<>(cached.tokens()), new HashSet<>(query.tokens()));
        Set<String> contentA = new HashSet<>(cached.contentTokens());
        Set<String> contentB = new HashSet<>(query.contentTokens());
        f[k++] = jaccard(contentA, contentB);
        f[k++] = charTrigramJaccard(cached.text(), query.text());
        int la = cached.tokens().size();
        int lb = query.tokens().size();
        f[k++] = Math.max(la, lb) == 0 ? 1 : (double) Math.min(la, lb) / Math.max(la, lb);
        f[k++] = unmatchedShare(contentA, contentB);
        f[k++] = unmatchedShare(contentB, contentA);
        f[k++] = !cached.tokens().isEmpty() && !query.tokens().isEmpty()
                && cached.tokens().get(0).equals(query.tokens().get(0)) ? 1 : 0;
        f[k++] = contentA.equals(contentB) ? 1 : 0;
        f[k++] = FalseHitGuard.numbersDiffer(cached, query) ? 1 : 0;
        f[k++] = FalseHitGuard.namesReplaced(cached, query) ? 1 : 0;
        f[k++] = FalseHitGuard.hasUnmatchedName(cached, query) || FalseHitGuard.hasUnmatchedName(query, cached) ? 1 : 0;
        f[k++] = (cached.negations() & 1) != (query.negations() & 1) ? 1 : 0;
        f[k++] = FalseHitGuard.polarityReversed(cached, query) ? 1 : 0;
        f[k++] = FalseHitGuard.rolesSwapped(cached, query) ? 1 : 0;
        for (int i = 0; i < dimensions; i++) {
            f[k++] = cachedVector[i] * queryVector[i];
        }
        for (int i = 0; i < dimensions; i++) {
            f[k++] = Math.abs(cachedVector[i] - queryVector[i]);
        }
        return f;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String x : a) {
            if (b.contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    private static double unmatchedShare(Set<String> a, Set<String> b) {
        if (a.isEmpty()) {
            return 0;
        }
        int unmatched = 0;
        for (String x : a) {
            if (!b.contains(x)) {
                unmatched++;
            }
        }
        return (double) unmatched / a.size();
    }

    /** Jaccard of the distinct character trigrams of the lower-cased texts, trigrams packed in longs and sorted. */
    static double charTrigramJaccard(String a, String b) {
        long[] ta = trigrams(a);
        long[] tb = trigrams(b);
        if (ta.length == 0 && tb.length == 0) {
            return 1;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < ta.length && j < tb.length) {
            if (ta[i] == tb[j]) {
                common++;
                i++;
                j++;
            } else if (ta[i] < tb[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (ta.length + tb.length - common);
    }

    private static long[] trigrams(String text) {
        String s = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim() + " ";
        if (s.length() < 3) {
            return new long[0];
        }
        long[] grams = new long[s.length() - 2];
        for (int i = 0; i + 2 < s.length(); i++) {
            grams[i] = ((long) s.charAt(i) << 32) | ((long) s.charAt(i + 1) << 16) | s.charAt(i + 2);
        }
        Arrays.sort(grams);
        int n = 0;
        for (int i = 0; i < grams.length; i++) {
            if (i == 0 || grams[i] != grams[i - 1]) {
                grams[n++] = grams[i];
            }
        }
        return Arrays.copyOf(grams, n);
    }
}
