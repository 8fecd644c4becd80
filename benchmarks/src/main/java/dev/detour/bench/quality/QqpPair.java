package dev.detour.bench.quality;

/** One labelled Quora question pair: {@code duplicate} when both ask the same thing. */
record QqpPair(long id, String textA, String textB, boolean duplicate) {
}
