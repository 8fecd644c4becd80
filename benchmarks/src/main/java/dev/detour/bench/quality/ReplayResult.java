package dev.detour.bench.quality;

/**
 * What a replayed workload got from the cache under one rule: questions asked, answered from the exact layer, answered
 * semantically (right = the pair is labelled duplicate, wrong = labelled not, unlabelled = two questions no pair
 * relates: counted as wrong), and answered by the provider.
 */
record ReplayResult(String rule, int asked, int exactHits, int semanticRight, int semanticWrong, int semanticUnlabelled,
                    java.util.List<String> wrongSamples) {

    int providerCalls() {
        return asked - exactHits - semanticRight - semanticWrong - semanticUnlabelled;
    }

    double avoidedShare() {
        return 1 - (double) providerCalls() / asked;
    }

    /** Wrong answers served (labelled not duplicate, or unlabelled) / questions asked. */
    double wrongShare() {
        return (double) (semanticWrong + semanticUnlabelled) / asked;
    }
}
