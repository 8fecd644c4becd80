package dev.detour.bench.quality;

import java.nio.file.Path;

/** Embeds every distinct QQP text with the given models into benchmarks/target/qqp-embeddings (a warm-up for the quality run). */
public final class EmbedPairs {

    private EmbedPairs() {
    }

    public static void main(String[] args) throws Exception {
        Path pairsFile = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        QqpPairs pairs = QqpPairs.read(pairsFile);
        for (int i = 2; i < args.length; i++) {
            EmbeddingFile.loadOrCompute(dir, EmbeddingModelChoice.byName(args[i]), pairs.texts());
        }
    }
}
