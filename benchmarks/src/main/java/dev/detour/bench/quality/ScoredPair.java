package dev.detour.bench.quality;

import dev.detour.cache.verify.GuardFinding;

/**
 * One pair as the cache would see it: text_a stored, text_b looked up. The verifier's probability is filled in after
 * training (NaN below the lowest cosine floor, where no candidate reaches the verifier).
 */
final class ScoredPair {

    final QqpPair pair;
    final Split split;
    final double cosine;
    final GuardFinding finding;
    double[] features;
    double probability = Double.NaN;

    ScoredPair(QqpPair pair, double cosine, GuardFinding finding) {
        this.pair = pair;
        this.split = Split.of(pair.id());
        this.cosine = cosine;
        this.finding = finding;
    }

    boolean guardPasses() {
        return finding == null;
    }
}
