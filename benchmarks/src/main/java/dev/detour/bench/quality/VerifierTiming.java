package dev.detour.bench.quality;

import dev.detour.cache.verify.HitVerifier;
import org.HdrHistogram.Histogram;

import java.util.List;

/** What one verifier costs per candidate, timed call by call on held-out candidates after a warm-up. */
record VerifierTiming(String verifier, int calls, double p50Micros, double p99Micros, double meanMicros) {

    static VerifierTiming measure(String name, HitVerifier verifier, List<ScoredPair> candidates, QqpPairs pairs,
                                  float[][] vectors, int rounds) {
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        long sink = 0;
        for (int round = -2; round < rounds; round++) { // two warm-up rounds let the JIT compile the hot path
            for (ScoredPair s : candidates) {
                float[] a = vectors[pairs.textId(s.pair.textA())];
                float[] b = vectors[pairs.textId(s.pair.textB())];
                long start = System.nanoTime();
                boolean accepted = verifier.judge(s.pair.textA(), s.pair.textB(), a, b, s.cosine).accepted();
                long nanos = System.nanoTime() - start;
                sink += accepted ? 1 : 0;
                if (round >= 0) {
                    histogram.recordValue(nanos);
                }
            }
        }
        if (sink < 0) {
            throw new IllegalStateException();
        }
        return new VerifierTiming(name, (int) histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMean() / 1000.0);
    }
}
