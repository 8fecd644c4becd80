package dev.detour.bench.quality;

import dev.detour.cache.verify.HitVerifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Replays a workload built from held-out pairs through a cache model: each pair's text_a is asked, then later its
 * text_b (a paraphrase, or a near-miss when the pair is not a duplicate), and a quarter of the text_a are asked again
 * word for word. A miss stores the question; a lookup takes the 5 nearest stored questions and serves the first one
 * the rule accepts. Correctness comes from the QQP labels of the (stored, asked) pair. The 20 nearest earlier
 * questions of every step are found once (exact search) and shared by all rules: the stored ones among them are the
 * candidates, which is exact unless more than 15 of the 20 were answered from the cache instead of stored.
 */
final class ReplayBenchmark {

    private final QqpPairs pairs;
    private final float[][] vectors;
    private final Map<Long, Boolean> labels = new HashMap<>();
    private final List<Integer> workload = new ArrayList<>();
    private int[][] nearestEarlier;
    private double[][] nearestEarlierScores;

    ReplayBenchmark(QqpPairs pairs, float[][] vectors, int pairCount, long seed) {
        this.pairs = pairs;
        this.vectors = vectors;
        for (QqpPair p : pairs.pairs()) {
            labels.put(key(pairs.textId(p.textA()), pairs.textId(p.textB())), p.duplicate());
        }
        List<QqpPair> heldOut = new ArrayList<>(pairs.pairs().stream().filter(p -> Split.of(p.id()) == Split.HELD_OUT).toList());
        Random random = new Random(seed);
        Collections.shuffle(heldOut, random);
        heldOut = heldOut.subList(0, Math.min(pairCount, heldOut.size()));
        // Each question gets a random time; the paraphrase always comes after its original.
        List<double[]> timed = new ArrayList<>();
        for (QqpPair p : heldOut) {
            double ta = random.nextDouble();
            timed.add(new double[] {ta, pairs.textId(p.textA())});
            timed.add(new double[] {ta + random.nextDouble() * (1 - ta), pairs.textId(p.textB())});
            if (random.nextInt(4) == 0) {
                timed.add(new double[] {ta + random.nextDouble() * (1 - ta), pairs.textId(p.textA())});
            }
        }
        timed.sort((x, y) -> Double.compare(x[0], y[0]));
        for (double[] t : timed) {
            workload.add((int) t[1]);
        }
    }

    /** Finds, for every step, the 20 nearest distinct questions asked before it (the one slow part, done once). */
    private void findNeighbours() {
        int k = 20;
        nearestEarlier = new int[workload.size()][];
        nearestEarlierScores = new double[workload.size()][];
        List<Integer> earlier = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < workload.size(); step++) {
            int asked = workload.get(step);
            float[] q = vectors[asked];
            int[] best = new int[k];
            double[] bestScore = new double[k];
            java.util.Arrays.fill(best, -1);
            java.util.Arrays.fill(bestScore, Double.NEGATIVE_INFINITY);
            for (int id : earlier) {
                if (id == asked) {
                    continue;
                }
                double s = Vectors.dot(q, vectors[id]);
                if (s > bestScore[k - 1]) {
                    int i = k - 1;
                    while (i > 0 && bestScore[i - 1] < s) {
                        bestScore[i] = bestScore[i - 1];
                        best[i] = best[i - 1];
                        i--;
                    }
                    bestScore[i] = s;
                    best[i] = id;
                }
            }
            nearestEarlier[step] = best;
            nearestEarlierScores[step] = bestScore;
            if (seen.add(asked)) {
                earlier.add(asked);
            }
        }
    }

    int size() {
        return workload.size();
    }

    /** Replays the workload; {@code verifier} null means the exact layer only. */
    ReplayResult replay(String rule, HitVerifier verifier) {
        if (nearestEarlier == null) {
            findNeighbours();
        }
        Set<Integer> stored = new HashSet<>();
        int exact = 0;
        int right = 0;
        int wrong = 0;
        int unlabelled = 0;
        List<String> texts = pairs.texts();
        List<String> wrongSamples = new ArrayList<>();
        for (int step = 0; step < workload.size(); step++) {
            int asked = workload.get(step);
            if (stored.contains(asked)) {
                exact++;
                continue;
            }
            int served = verifier == null ? -1 : lookup(step, asked, stored, verifier, texts);
            if (served < 0) {
                stored.add(asked);
                continue;
            }
            Boolean label = labels.get(key(served, asked));
            if (label == null) {
                unlabelled++;
            } else if (label) {
                right++;
            } else {
                wrong++;
            }
            if ((label == null || !label) && wrongSamples.size() < 12) {
                wrongSamples.add((label == null ? "unlabelled" : "labelled not duplicate") + ": \"" + texts.get(served)
                        + "\" served for \"" + texts.get(asked) + "\"");
            }
        }
        return new ReplayResult(rule, workload.size(), exact, right, wrong, unlabelled, List.copyOf(wrongSamples));
    }

    private int lookup(int step, int asked, Set<Integer> stored, HitVerifier verifier, List<String> texts) {
        int[] nearest = nearestEarlier[step];
        double[] scores = nearestEarlierScores[step];
        int tried = 0;
        for (int i = 0; i < nearest.length && nearest[i] >= 0 && tried < 5; i++) {
            if (!stored.contains(nearest[i])) {
                continue;
            }
            tried++;
            if (verifier.judge(texts.get(nearest[i]), texts.get(asked), vectors[nearest[i]], vectors[asked], scores[i]).accepted()) {
                return nearest[i];
            }
        }
        return -1;
    }

    private static long key(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }
}
