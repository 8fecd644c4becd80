package dev.detour.bench.quality;

import dev.detour.cache.verify.FalseHitGuard;
import dev.detour.cache.verify.GuardFinding;
import dev.detour.cache.verify.PairFeatures;
import dev.detour.cache.verify.ParsedQuestion;
import dev.detour.cache.verify.VerifierModel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything measured for one embedding model: cosine, cosine + guard and the trained verifier, each swept over
 * thresholds on the held-out pairs; the default (cosine floor, verifier threshold) chosen on the validation pairs.
 */
final class ModelEvaluation {

    /** The cosine floors the default may choose among; the verifier is trained on pairs at or above the lowest. */
    static final double[] FLOORS = {0.70, 0.75, 0.80, 0.85, 0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99};

    final EmbeddingModelChoice model;
    final List<ScoredPair> scored = new ArrayList<>();
    VerifierModel verifier;
    List<String> featureNames;
    double chosenFloor;
    double chosenThreshold;

    ModelEvaluation(EmbeddingModelChoice model) {
        this.model = model;
    }

    /** @param embeddingFeatures whether the verifier also reads the element-wise product and distance of the vectors */
    void score(QqpPairs pairs, float[][] vectors, boolean embeddingFeatures) {
        FalseHitGuard guard = new FalseHitGuard();
        PairFeatures features = new PairFeatures(embeddingFeatures ? vectors[0].length : 0);
        for (QqpPair p : pairs.pairs()) {
            float[] a = vectors[pairs.textId(p.textA())];
            float[] b = vectors[pairs.textId(p.textB())];
            double cosine = Vectors.dot(a, b);
            ParsedQuestion qa = ParsedQuestion.of(p.textA());
            ParsedQuestion qb = ParsedQuestion.of(p.textB());
            GuardFinding finding = guard.find(qa, qb).orElse(null);
            ScoredPair s = new ScoredPair(p, cosine, finding);
            if (cosine >= FLOORS[0]) {
                s.features = features.compute(qa, qb, a, b, cosine);
            }
            scored.add(s);
        }
        this.featureNames = features.names();
    }

    /**
     * Trains on the training pairs at or above {@code trainFloor}; with {@code guardPassingOnly}, only on those the
     * guard lets through, the only ones the guarded verifier ever sees.
     */
    void train(LogisticTrainer trainer, double trainFloor, boolean guardPassingOnly) {
        List<ScoredPair> train = scored.stream().filter(s -> s.split == Split.TRAIN && s.features != null
                && s.cosine >= trainFloor && (!guardPassingOnly || s.guardPasses())).toList();
        double[][] x = new double[train.size()][];
        boolean[] y = new boolean[train.size()];
        for (int i = 0; i < train.size(); i++) {
            x[i] = train.get(i).features;
            y[i] = train.get(i).pair.duplicate();
        }
        System.out.printf("training the verifier for %s on %,d training pairs with cosine >= %.2f%s (%,d duplicates)%n",
                model.modelName(), train.size(), trainFloor, guardPassingOnly ? " that pass the guard" : "", countTrue(y));
        verifier = trainer.train(model.modelName(), featureNames, x, y);
        for (ScoredPair s : scored) {
            if (s.features != null) {
                s.probability = verifier.probability(s.features);
            }
        }
    }

    /**
     * The default: the highest recall on the validation pairs whose precision reaches {@code targetPrecision}, among
     * every cosine floor (with the guard) and verifier threshold, threshold 0 meaning the floor and the guard alone.
     */
    void choose(double targetPrecision) {
        PrPoint best = null;
        for (double floor : FLOORS) {
            for (int i = 59; i <= 199; i++) {
                double threshold = i == 59 ? 0 : i * 0.005;
                PrPoint p = point(Split.VALIDATION, "verifier", threshold,
                        s -> s.cosine >= floor && s.guardPasses() && s.probability >= threshold);
                if (p.precision() >= targetPrecision && (best == null || p.recall() > best.recall())) {
                    best = p;
                    chosenFloor = floor;
                    chosenThreshold = threshold;
                }
            }
        }
        if (best == null) {
            chosenFloor = FLOORS[FLOORS.length - 1];
            chosenThreshold = 0.995;
        }
        verifier = verifier.withThresholds(chosenFloor, Math.round(chosenThreshold * 1000) / 1000.0);
    }

    PrPoint point(Split split, String rule, double threshold, Predicate<ScoredPair> hit) {
        int hits = 0;
        int correct = 0;
        int duplicates = 0;
        for (ScoredPair s : scored) {
            if (s.split != split) {
                continue;
            }
            if (s.pair.duplicate()) {
                duplicates++;
            }
            if (hit.test(s)) {
                hits++;
                if (s.pair.duplicate()) {
                    correct++;
                }
            }
        }
        return new PrPoint(rule, threshold, hits, correct, duplicates);
    }

    List<PrPoint> cosineCurve(boolean guarded) {
        List<PrPoint> curve = new ArrayList<>();
        for (int i = 70; i <= 99; i++) {
            double t = i / 100.0;
            curve.add(point(Split.HELD_OUT, guarded ? "cosine + guard" : "cosine", t,
                    s -> s.cosine >= t && (!guarded || s.guardPasses())));
        }
        return curve;
    }

    List<PrPoint> verifierCurve(double floor, boolean guarded) {
        List<PrPoint> curve = new ArrayList<>();
        for (int i = 30; i <= 99; i++) {
            double t = i / 100.0;
            curve.add(point(Split.HELD_OUT, guarded ? "verifier + guard" : "verifier, no guard veto", t,
                    s -> s.cosine >= floor && (!guarded || s.guardPasses()) && s.probability >= t));
        }
        return curve;
    }

    PrPoint chosenOnHeldOut() {
        return point(Split.HELD_OUT, "default", chosenThreshold,
                s -> s.cosine >= chosenFloor && s.guardPasses() && s.probability >= chosenThreshold);
    }

    PrPoint chosenOnValidation() {
        return point(Split.VALIDATION, "default", chosenThreshold,
                s -> s.cosine >= chosenFloor && s.guardPasses() && s.probability >= chosenThreshold);
    }

    /** Held-out pairs at or above {@code floor}: what each guard finding rejected, duplicates vs not. */
    Map<GuardFinding, int[]> guardFindings(double floor) {
        Map<GuardFinding, int[]> counts = new EnumMap<>(GuardFinding.class);
        for (GuardFinding f : GuardFinding.values()) {
            counts.put(f, new int[2]);
        }
        for (ScoredPair s : scored) {
            if (s.split == Split.HELD_OUT && s.cosine >= floor && s.finding != null) {
                counts.get(s.finding)[s.pair.duplicate() ? 0 : 1]++;
            }
        }
        return counts;
    }

    int count(Split split, Predicate<ScoredPair> which) {
        return (int) scored.stream().filter(s -> s.split == split && which.test(s)).count();
    }

    private static int countTrue(boolean[] y) {
        int n = 0;
        for (boolean b : y) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
