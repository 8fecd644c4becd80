package dev.detour.local.decode;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks the next token from logits: greedy, or sampled with temperature, top-k and top-p from a seeded source. */
public final class Sampler {

    // Top-p usually needs only a few hundred tokens; sorting a whole 150k vocabulary per token would cost
    // milliseconds. Candidates are taken from the top this many first, and from the whole vocabulary only when
    // they do not reach top_p.
    private static final int NUCLEUS_FIRST_TRY = 512;

    private final SamplingSettings settings;
    private final SplittableRandom random;

    public Sampler(SamplingSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    /** The chosen token id; may modify {@code logits}. */
    public int next(float[] logits) {
        if (settings.isGreedy()) {
            return argmax(logits);
        }
        float temperature = (float) settings.temperature();
        boolean cut = settings.topK() > 0 || settings.topP() < 1;
        if (!cut) {
            return sampleAll(logits, temperature);
        }
        int keep = settings.topK() > 0 ? Math.min(settings.topK(), logits.length) : Math.min(NUCLEUS_FIRST_TRY, logits.length);
        int[] candidates = topIndices(logits, keep);
        double[] probs = softmax(logits, candidates, temperature);
        if (settings.topK() == 0 && keep < logits.length && mass(logits, candidates, temperature) < settings.topP()) {
            candidates = topIndices(logits, logits.length);
            probs = softmax(logits, candidates, temperature);
        }
        int n = candidates.length;
        if (settings.topP() < 1) {
            double sum = 0;
            for (int i = 0; i < candidates.length; i++) {
                sum += probs[i];
                if (sum >= settings.topP()) {
                    n = i + 1;
                    break;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += probs[i];
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            draw -= probs[i];
            if (draw < 0) {
                return candidates[i];
            }
        }
        return candidates[n - 1];
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private int sampleAll(float[] logits, float temperature) {
        float max = logits[argmax(logits)];
        double total = 0;
        double[] weights = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - max) / temperature);
            total += weights[i];
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < logits.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return logits.length - 1;
    }

    /** Indices of the {@code k} largest logits, largest first (ties by lower index, so the order is stable). */
    static int[] topIndices(float[] logits, int k) {
        long[] keyed = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            keyed[i] = ((long) sortableDescending(logits[i]) << 32) | i;
        }
        if (k < logits.length) {
            selectSmallest(keyed, k);
            Arrays.sort(keyed, 0, k);
        } else {
            Arrays.sort(keyed);
        }
        int[] top = new int[k];
        for (int i = 0; i < k; i++) {
            top[i] = (int) keyed[i];
        }
        return top;
    }

    // A float mapped to an int that sorts ascending as the float sorts descending.
    private static int sortableDescending(float value) {
        int bits = Float.floatToIntBits(value);
        int ascending = bits ^ ((bits >> 31) & 0x7fffffff);
        return ~ascending;
    }

    // Quickselect: moves the k smallest keys to the front (unordered).
    private static void selectSmallest(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static double[] softmax(float[] logits, int[] candidates, float temperature) {
        double max = logits[candidates[0]];
        double[] probs = new double[candidates.length];
        double total = 0;
        for (int i = 0; i < candidates.length; i++) {
            probs[i] = Math.exp((logits[candidates[i]] - max) / temperature);
            total += probs[i];
        }
        for (int i = 0; i < probs.length; i++) {
            probs[i] /= total;
        }
        return probs;
    }

    // The share of the whole distribution the candidates hold.
    private static double mass(float[] logits, int[] candidates, float temperature) {
        double max = logits[candidates[0]];
        double all = 0;
        for (float logit : logits) {
            all += Math.exp((logit - max) / temperature);
        }
        double kept = 0;
        for (int c : candidates) {
            kept += Math.exp((logits[c] - max) / temperature);
        }
        return kept / all;
    }
}
