package dev.detour.gateway.config;

/**
 * A route's consensus mode: two of its candidates are asked at once and an answer is accepted only when two answers
 * are at least {@code minSimilarity} alike (0..1); up to {@code maxCalls} candidates are asked before giving up.
 */
public record ConsensusConfig(double minSimilarity, int maxCalls) {

    public static final double DEFAULT_MIN_SIMILARITY = 0.8;
    public static final int DEFAULT_MAX_CALLS = 3;
}
