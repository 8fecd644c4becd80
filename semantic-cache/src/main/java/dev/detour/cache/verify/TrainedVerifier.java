package dev.detour.cache.verify;

import java.util.Locale;
import java.util.Optional;

/**
 * The standard second opinion: a candidate must reach the cosine floor, pass the {@link FalseHitGuard}, and the
 * learned {@link VerifierModel} must give it at least the accept threshold (a threshold of 0 leaves the model out).
 */
public final class TrainedVerifier implements HitVerifier {

    private final VerifierModel model;
    private final PairFeatures features;
    private final FalseHitGuard guard = new FalseHitGuard();
    private final boolean guarded;

    /** @param guarded whether the guard's findings veto a candidate (otherwise they are only features) */
    public TrainedVerifier(VerifierModel model, boolean guarded) {
        this.model = model;
        this.guarded = guarded;
        int dimensions = (int) model.featureNames().stream().filter(n -> n.startsWith("prod_")).count();
        this.features = new PairFeatures(dimensions);
        if (!features.names().equals(model.featureNames())) {
            throw new IllegalArgumentException("the verifier model for " + model.embeddingModel()
                    + " was trained on other features than this code computes; retrain it (benchmarks/run-cache-quality.sh --write-model)");
        }
    }

    public VerifierModel model() {
        return model;
    }

    @Override
    public Verdict judge(String cachedText, String queryText, float[] cachedVector, float[] queryVector, double cosine) {
        if (cosine < model.cosineFloor()) {
            return Verdict.reject(0, String.format(Locale.ROOT, "cosine %.3f below %.2f", cosine, model.cosineFloor()));
        }
        ParsedQuestion cached = ParsedQuestion.of(cachedText);
        ParsedQuestion query = ParsedQuestion.of(queryText);
        if (guarded) {
            Optional<GuardFinding> finding = guard.find(cached, query);
            if (finding.isPresent()) {
                return Verdict.reject(0, "guard: " + finding.get().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        if (model.acceptThreshold() <= 0) { // the default may be the floor and the guard alone: no model to ask
            return Verdict.accept(cosine, String.format(Locale.ROOT, "cosine %.3f, guard passed", cosine));
        }
        double p = model.probability(features.compute(cached, query, cachedVector, queryVector, cosine));
        String reason = String.format(Locale.ROOT, "verifier p=%.3f (needs %.2f)", p, model.acceptThreshold());
        return p >= model.acceptThreshold() ? Verdict.accept(p, reason) : Verdict.reject(p, reason);
    }
}
