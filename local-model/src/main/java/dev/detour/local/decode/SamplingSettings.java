package dev.detour.local.decode;

/**
 * How the next token is chosen from the logits.
 *
 * @param temperature 0 means greedy (the most likely token)
 * @param topP        nucleus: keep the smallest set of tokens whose probability reaches this (1 keeps all)
 * @param topK        keep only the k most likely tokens (0 keeps all)
 * @param seed        the random sequence's seed, so the same request draws the same tokens
 */
public record SamplingSettings(double temperature, double topP, int topK, long seed) {

    public SamplingSettings {
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1]");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0");
        }
    }

    public static SamplingSettings greedy() {
        return new SamplingSettings(0, 1, 0, 0);
    }

    public boolean isGreedy() {
        return temperature == 0 || topK == 1;
    }
}
