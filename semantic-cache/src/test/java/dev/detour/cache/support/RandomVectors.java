package dev.detour.cache.support;

import dev.detour.cache.embed.Vectors;

import java.util.SplittableRandom;

/** Random unit vectors for index tests: uniform in a cube, scaled to length 1. */
public final class RandomVectors {

    private RandomVectors() {
    }

    public static float[] unit(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Vectors.normalised(v);
    }
}
