package dev.detour.bench.cachespeed;

import dev.detour.cache.index.VectorIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A Lucene HNSW index of many entries (random unit vectors spread over 100 partitions): build time, disk, heap,
 * filtered top-50 search latency, and the time to reopen it after a restart.
 */
final class LargeIndex {

    private static final int PARTITIONS = 100;

    private LargeIndex() {
    }

    static String run(int size, int dimension) throws Exception {
        Path dir = Files.createTempDirectory("detour-cache-index-");
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        VectorIndex index = VectorIndex.open(dir, true);
        int step = Math.max(1, size / 10);
        for (int i = 0; i < size; i++) {
            index.add("ce_" + i, "p" + (i % PARTITIONS), unit(random, dimension));
            if ((i + 1) % 10_000 == 0) {
                index.refresh(); // keeps the pending brute-force list short, as the cache's periodic refresh does
            }
            if ((i + 1) % step == 0) {
                System.out.printf(Locale.ROOT, "index build: %d/%d (%.0f s)%n", i + 1, size,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        index.commit();
        index.refresh();
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        Latencies search = new Latencies();
        for (int i = 0; i < 300; i++) {
            index.search("p" + random.nextInt(PARTITIONS), unit(random, dimension), 50);
        }
        for (int i = 0; i < 2000; i++) {
            float[] q = unit(random, dimension);
            String p = "p" + random.nextInt(PARTITIONS);
            long s = System.nanoTime();
            index.search(p, q, 50);
            search.recordNanos(System.nanoTime() - s);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        index.close();
        long disk;
        try (var files = Files.walk(dir)) {
            disk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        long reopenStart = System.nanoTime();
        VectorIndex reopened = VectorIndex.open(dir, false);
        reopened.refresh();
        reopened.search("p1", unit(random, dimension), 50);
        double reopenMs = (System.nanoTime() - reopenStart) / 1e6;
        reopened.close();
        CacheSpeedBenchmark.deleteTree(dir);
        return String.format(Locale.ROOT, "## Large index: %,d entries%n%n%d-dimension random unit vectors in %d "
                        + "partitions (Lucene HNSW, float32, defaults M=16, beam 100). Build %.0f s; disk %.0f MB; "
                        + "heap after GC with the index open %d MB (vectors and graph are memory-mapped, outside "
                        + "the heap); reopen (open + first search) %.0f ms.%n%n%s%n%s%n%n",
                size, dimension, PARTITIONS, buildSeconds, disk / 1e6, heapMb, reopenMs, Latencies.header(),
                search.row("filtered top-50 search (one partition of ~" + size / PARTITIONS + ")"));
    }

    private static float[] unit(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            double g = random.nextDouble() * 2 - 1;
            v[i] = (float) g;
            sum += g * g;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
