package dev.detour.bench.quality;

/** Precision and recall of one decision rule at one threshold, on one part of the pairs. */
record PrPoint(String rule, double threshold, int hits, int correctHits, int duplicates) {

    /** Correct hits / hits (1 when nothing is hit: no wrong answer served). */
    double precision() {
        return hits == 0 ? 1 : (double) correctHits / hits;
    }

    /** Hits on duplicates / duplicates. */
    double recall() {
        return duplicates == 0 ? 0 : (double) correctHits / duplicates;
    }
}
