package dev.detour.bench.cachespeed;

import dev.detour.cache.embed.OnnxEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embedding throughput: one sentence per call from one or several callers, against batches of sentences in one ONNX
 * call each (OnnxEmbedder.embedBatch: what micro-batching concurrent requests hands to the model).
 */
final class EmbeddingThroughput {

    private EmbeddingThroughput() {
    }

    static String run(OnnxEmbedder embedder, QqpPairs qqp, int seconds) throws InterruptedException {
        List<String> texts = qqp.pairs().stream().map(QqpPairs.Pair::b).toList();
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder("## Embedding throughput (micro-batching measured)\n\n"
                + "| how | sentences/s |\n|---|---|\n");
        out.append(row("single sentence per call, 1 caller", measure(embedder, texts, 1, 1, seconds)));
        out.append(row("single sentence per call, " + cores + " callers", measure(embedder, texts, cores, 1, seconds)));
        for (int batch : new int[] {2, 4, 8, 16}) {
            out.append(row("one ONNX call per batch of " + batch + ", 1 caller",
                    measure(embedder, texts, 1, batch, seconds)));
            out.append(row("one ONNX call per batch of " + batch + ", " + cores + " callers",
                    measure(embedder, texts, cores, batch, seconds)));
        }
        return out.append("\n").toString();
    }

    private static String row(String what, double perSecond) {
        return String.format(Locale.ROOT, "| %s | %.0f |%n", what, perSecond);
    }

    private static double measure(OnnxEmbedder embedder, List<String> texts, int callers, int batch, int seconds)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int offset = c * 1009;
            threads.add(Thread.ofPlatform().start(() -> {
                int i = offset;
                while (!stop.get()) {
                    if (batch == 1) {
                        embedder.embed(texts.get(i++ % texts.size()));
                        done.incrementAndGet();
                    } else {
                        List<String> group = new ArrayList<>(batch);
                        for (int k = 0; k < batch; k++) {
                            group.add(texts.get(i++ % texts.size()));
                        }
                        embedder.embedBatch(group);
                        done.addAndGet(batch);
                    }
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L / 2);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
