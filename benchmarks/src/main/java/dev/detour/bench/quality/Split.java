package dev.detour.bench.quality;

/**
 * The fixed, documented split of the QQP pairs by a hash of the pair id: 2 in 10 held out (reported on, never
 * trained or tuned on), 1 in 10 for validation (choosing thresholds), 7 in 10 for training.
 */
enum Split {
    TRAIN, VALIDATION, HELD_OUT;

    static Split of(long pairId) {
        long bucket = Long.remainderUnsigned(mix(pairId), 10);
        if (bucket < 2) {
            return HELD_OUT;
        }
        return bucket == 2 ? VALIDATION : TRAIN;
    }

    /** SplitMix64's finaliser: a fixed, well-spread hash of the id, the same on every JVM. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
