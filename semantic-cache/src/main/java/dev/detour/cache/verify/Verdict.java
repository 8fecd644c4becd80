package dev.detour.cache.verify;

/** A verifier's decision on one candidate hit: accepted or not, its score, and why (for logs and headers). */
public record Verdict(boolean accepted, double score, String reason) {

    public static Verdict accept(double score, String reason) {
        return new Verdict(true, score, reason);
    }

    public static Verdict reject(double score, String reason) {
        return new Verdict(false, score, reason);
    }
}
