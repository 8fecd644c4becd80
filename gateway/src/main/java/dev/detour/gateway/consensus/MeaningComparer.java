package dev.detour.gateway.consensus;

import dev.detour.cache.embed.Embedder;
import dev.detour.cache.verify.FalseHitGuard;
import dev.detour.cache.verify.ParsedQuestion;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares answers by meaning: the cosine of their embeddings from the semantic cache's embedder, so a paraphrase
 * agrees although it shares few words. Embeddings rate "The answer is 42" and "The answer is 43" nearly the same,
 * so the cache's false-hit guard looks first: different numbers, names or dates, a negation, opposite words or
 * swapped roles between the two answers make them disagree (0). The guard's word rules err towards "disagree",
 * which in consensus only costs asking one more provider.
 */
public final class MeaningComparer implements AnswerComparer {

    public static final String NAME = "meaning";

    /**
     * The embedder reads at most 510 word pieces at a time and averages longer texts piece by piece, one model call
     * per piece; the first ~4000 characters (about 1000 word pieces) say what an answer means, so longer answers are
     * cut there to keep a consensus to a few milliseconds. The guard still reads the whole answers.
     */
    static final int MAX_EMBEDDED_CHARS = 4000;

    private final Embedder embedder;
    private final FalseHitGuard guard = new FalseHitGuard();

    public MeaningComparer(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public double similarity(String a, String b) {
        String left = a == null ? "" : a.strip();
        String right = b == null ? "" : b.strip();
        if (left.equals(right)) {
            return 1.0;
        }
        if (left.isEmpty() || right.isEmpty()) {
            return 0.0; // an empty answer agrees with nothing but another empty answer
        }
        Verdict x0 = Verdict.opening(left);
        Verdict y0 = Verdict.opening(right);
        if (x0 != Verdict.NONE && y0 != Verdict.NONE && x0 != y0) {
            return 0.0; // "Yes, ..." against "No, ..."
        }
        // The guard was written for questions: a leading "No," would count as a second negation in "No, it is not
        // safe" and cancel out against "Yes, it is safe", so it reads the answers without their yes or no.
        if (guard.find(ParsedQuestion.of(x0.rest(left)), ParsedQuestion.of(y0.rest(right))).isPresent()) {
            return 0.0;
        }
        float[] x = embedder.embed(cut(left));
        float[] y = embedder.embed(cut(right));
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i]; // both vectors are normalised: the dot product is the cosine
        }
        return Math.max(0.0, Math.min(1.0, dot));
    }

    /** A yes or no an answer opens with ("Yes, ...", "No. ..."), which decides a yes/no question on its own. */
    private enum Verdict {
        YES, NO, NONE;

        private static final Pattern OPENING = Pattern.compile("(?iu)^(yes|yeah|yep|no|nope)\\b[\\s\\p{P}]*");

        static Verdict opening(String text) {
            Matcher m = OPENING.matcher(text);
            if (!m.find()) {
                return NONE;
            }
            return m.group(1).toLowerCase(Locale.ROOT).startsWith("y") ? YES : NO;
        }

        String rest(String text) {
            return this == NONE ? text : OPENING.matcher(text).replaceFirst("");
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_EMBEDDED_CHARS ? text : text.substring(0, MAX_EMBEDDED_CHARS);
    }

    @Override
    public String name() {
        return NAME;
    }
}
