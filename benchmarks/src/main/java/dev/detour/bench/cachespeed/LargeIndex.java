package dev.detour.bench.cachespeed;

import dev.detour.cache.index.PartitionKnnQuery;
import dev.detour.cache.index.VectorIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * A Lucene HNSW index of many entries (random unit vectors): one partition of 10% of the entries and 90 of 1% each.
 * Build time, disk, heap, the time to reopen it after a restart, and top-50 search latency inside a 1% partition,
 * inside the 10% one and unfiltered, for Lucene's own filtered query (before) against {@link PartitionKnnQuery}
 * (after), with recall@50 against an exact scan. Options: --exact-scan-below N (the after query's threshold).
 */
final class LargeIndex {

    private static final int K = 50;
    private static final String BIG = "p10pct";
    /** VectorIndex's own-field prefix (package-private there): "vector:" and the partition. */
    private static final String OWN_PREFIX = VectorIndex.VECTOR + ":";

    private LargeIndex() {
    }

    /** 10% of the entries in one partition, the rest spread over 90 partitions of 1% each. */
    private static String partitionOf(int i) {
        int r = i % 100;
        return r < 10 ? BIG : "p" + r;
    }

    static String run(int size, int dimension, int exactScanBelow, int queries, boolean clustered, int ownFieldAt)
            throws Exception {
        Path dir = Files.createTempDirectory("detour-cache-index-");
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        VectorIndex index = VectorIndex.open(dir, true, exactScanBelow, VectorIndex.SCAN_SHARE_AT_MOST, ownFieldAt);
        Data data = clustered ? new Clustered(dimension, Math.max(100, size / 100), random) : new Uniform(dimension);
        int step = Math.max(1, size / 10);
        for (int i = 0; i < size; i++) {
            index.add("ce_" + i, partitionOf(i), data.entry(random));
            if ((i + 1) % 10_000 == 0) {
                index.refresh(); // keeps the pending brute-force list short, as the cache's periodic refresh does
            }
            if ((i + 1) % step == 0) {
                System.out.printf(Locale.ROOT, "index build: %d/%d (%.0f s)%n", i + 1, size,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        index.commit();
        index.close(); // waits for merges, so that none runs while searches are timed
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        long disk;
        try (var files = Files.walk(dir)) {
            disk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        long reopenStart = System.nanoTime();
        VectorIndex reopened = VectorIndex.open(dir, false, exactScanBelow, VectorIndex.SCAN_SHARE_AT_MOST,
                ownFieldAt);
        reopened.refresh();
        reopened.search("p11", data.query(random), K);
        double reopenMs = (System.nanoTime() - reopenStart) / 1e6;

        // End to end through VectorIndex (the cache's path: the query, then the ids of the hits).
        Latencies small = new Latencies();
        Latencies big = new Latencies();
        for (int i = 0; i < 300; i++) {
            reopened.search(i % 2 == 0 ? BIG : "p" + (10 + random.nextInt(90)), data.query(random), K);
        }
        for (int i = 0; i < queries; i++) {
            float[] q = data.query(random);
            String p = "p" + (10 + random.nextInt(90));
            long s = System.nanoTime();
            reopened.search(p, q, K);
            small.recordNanos(System.nanoTime() - s);
        }
        for (int i = 0; i < queries; i++) {
            float[] q = data.query(random);
            long s = System.nanoTime();
            reopened.search(BIG, q, K);
            big.recordNanos(System.nanoTime() - s);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        reopened.close();

        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "## Large index: %,d entries%n%n"
                        + "%d-dimension %s; one partition of 10%% of the entries, 90 of 1%% each "
                        + "(Lucene HNSW, float32, M=16, beam 100). Build %.0f s (a refresh every 10,000 adds, as the "
                        + "cache's periodic refresh cuts segments); disk %.0f MB; heap after GC with the index open "
                        + "%d MB (vectors and graph are memory-mapped, outside the heap); reopen (open + first search) "
                        + "%.0f ms.%n%n",
                size, dimension, data.describe(), buildSeconds, disk / 1e6, heapMb, reopenMs));
        out.append(luceneOnly(dir, data, exactScanBelow, queries, random));
        out.append(ownFieldAt > 0 ? "A partition gets a vector field of its own at " + ownFieldAt
                + " entries (the 10% one did; the 1% ones did not).\n\n"
                : "No partition has a vector field of its own (--own-field-at 0).\n\n");
        out.append("End to end through VectorIndex.search (query + ids of the 50 hits), exact scan below ")
                .append(exactScanBelow).append(" entries of a partition in a segment:\n\n")
                .append(Latencies.header()).append("\n")
                .append(small.row("top-50 in a 1% partition (~" + size / 100 + ")")).append("\n")
                .append(big.row("top-50 in the 10% partition (~" + size / 10 + ")")).append("\n\n");
        CacheSpeedBenchmark.deleteTree(dir);
        return out.toString();
    }

    /** Which partition a row searches: a random 1% one, the 10% one, or none (unfiltered). */
    private enum Scope { SMALL, BIG, NONE }

    /** One row of the table: a query for a vector inside a partition (null: unfiltered). */
    private record Row(String what, Scope scope, BiFunction<float[], String, Query> query) {
    }

    /** The same queries straight on a Lucene reader: Lucene's filtered query, ours, unfiltered; recall@50. */
    private static String luceneOnly(Path dir, Data data, int exactScanBelow, int queries,
                                     SplittableRandom random) throws IOException {
        try (var directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            String segments = reader.leaves().stream().map(l -> String.format(Locale.ROOT, "%,d", l.reader().maxDoc()))
                    .collect(java.util.stream.Collectors.joining(" + "));
            StringBuilder out = new StringBuilder("Lucene alone (" + reader.leaves().size() + " segments: " + segments
                    + " entries; "
                    + queries + " queries per row after 300 warm-up queries; recall@50 against an exact scan of the "
                    + "same partition, over 200 other queries):\n\n| what | p50 ms | p90 ms | p99 ms | max ms | "
                    + "recall@50 | recall@10 |\n|---|---|---|---|---|---|---|\n");
            // The 10% partition's vectors are in a field of their own if it moved there (VectorIndex), else shared.
            String bigField = FieldInfos.getMergedFieldInfos(reader).fieldInfo(OWN_PREFIX + BIG) != null
                    ? OWN_PREFIX + BIG : VectorIndex.VECTOR;
            BiFunction<float[], String, Query> lucene = (q, p) -> new KnnFloatVectorQuery(VectorIndex.VECTOR, q, K,
                    p == null ? null : filter(p));
            BiFunction<float[], String, Query> ownField = (q, p) -> new KnnFloatVectorQuery(bigField, q,
                    Math.max(K, VectorIndex.OWN_FIELD_BEAM)); // as VectorIndex walks it; the search keeps the top K
            BiFunction<float[], String, Query> ours = (q, p) -> new PartitionKnnQuery(VectorIndex.VECTOR, q, K,
                    filter(p), exactScanBelow, VectorIndex.SCAN_SHARE_AT_MOST);
            BiFunction<float[], String, Query> scan = (q, p) -> new PartitionKnnQuery(VectorIndex.VECTOR, q, K,
                    filter(p), Integer.MAX_VALUE);
            List<Row> rows = bigField.equals(VectorIndex.VECTOR) ? List.of(
                    new Row("1% partition, Lucene KnnFloatVectorQuery + filter (before)", Scope.SMALL, lucene),
                    new Row("1% partition, PartitionKnnQuery (after)", Scope.SMALL, ours),
                    new Row("10% partition, Lucene KnnFloatVectorQuery + filter (before)", Scope.BIG, lucene),
                    new Row("10% partition, PartitionKnnQuery (after)", Scope.BIG, ours),
                    new Row("10% partition, exact scan of every segment", Scope.BIG, scan),
                    new Row("unfiltered, KnnFloatVectorQuery", Scope.NONE, lucene)) : List.of(
                    new Row("1% partition, Lucene KnnFloatVectorQuery + filter", Scope.SMALL, lucene),
                    new Row("1% partition, PartitionKnnQuery", Scope.SMALL, ours),
                    new Row("10% partition, its own field, KnnFloatVectorQuery (no filter, beam "
                            + Math.max(K, VectorIndex.OWN_FIELD_BEAM) + ")", Scope.BIG, ownField),
                    new Row("unfiltered shared field (the other 90%), KnnFloatVectorQuery", Scope.NONE, lucene));
            for (Row row : rows) {
                for (int i = 0; i < 300; i++) {
                    searcher.search(row.query().apply(data.query(random), partition(row.scope(), random)), K);
                }
                Latencies lat = new Latencies();
                for (int i = 0; i < queries; i++) {
                    Query q = row.query().apply(data.query(random), partition(row.scope(), random));
                    long s = System.nanoTime();
                    searcher.search(q, K);
                    lat.recordNanos(System.nanoTime() - s);
                }
                long found = 0;
                long wanted = 0;
                long found10 = 0;
                long wanted10 = 0;
                for (int i = 0; i < 200; i++) {
                    float[] q = data.query(random);
                    String p = partition(row.scope(), random);
                    Query exact = new PartitionKnnQuery(BIG.equals(p) ? bigField : VectorIndex.VECTOR, q, K,
                            p == null ? new MatchAllDocsQuery() : filter(p), Integer.MAX_VALUE);
                    TopDocs truthTop = searcher.search(exact, K);
                    TopDocs gotTop = searcher.search(row.query().apply(q, p), K);
                    Set<Integer> truth = docs(truthTop);
                    Set<Integer> got = docs(gotTop);
                    wanted += truth.size();
                    got.retainAll(truth);
                    found += got.size();
                    // The nearest 10 too: the cache only ever takes the few above its similarity floor.
                    Set<Integer> truth10 = docs(truthTop, 10);
                    Set<Integer> got10 = docs(gotTop, 10);
                    wanted10 += truth10.size();
                    got10.retainAll(truth10);
                    found10 += got10.size();
                }
                var h = lat.histogram();
                out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                        row.what(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, (double) found / wanted,
                        (double) found10 / wanted10));
            }
            return out.append("\n").toString();
        }
    }

    private static String partition(Scope scope, SplittableRandom random) {
        return switch (scope) {
            case SMALL -> "p" + (10 + random.nextInt(90));
            case BIG -> BIG;
            case NONE -> null;
        };
    }

    private static Set<Integer> docs(TopDocs top) {
        return docs(top, top.scoreDocs.length);
    }

    /** The first {@code n} hits' documents (hits come best first). */
    private static Set<Integer> docs(TopDocs top, int n) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < Math.min(n, top.scoreDocs.length); i++) {
            out.add(top.scoreDocs[i].doc);
        }
        return out;
    }

    private static Query filter(String partition) {
        return new TermQuery(new Term(VectorIndex.PARTITION, partition));
    }

    /** Where the vectors come from: what is indexed, and what is looked up. */
    private interface Data {
        float[] entry(SplittableRandom random);

        float[] query(SplittableRandom random);

        String describe();
    }

    /**
     * Uniform random unit vectors: the worst case for a graph (no neighbourhoods: a walk visits much of the graph,
     * and Lucene's filtered walk gives up for an exact scan).
     */
    private record Uniform(int dimension) implements Data {
        public float[] entry(SplittableRandom random) {
            return unit(random, dimension);
        }

        public float[] query(SplittableRandom random) {
            return unit(random, dimension);
        }

        public String describe() {
            return "uniform random unit vectors";
        }
    }

    /**
     * Clustered vectors, closer to real embeddings (questions come in topics, with paraphrases): 1 centre per 100
     * entries, each entry a centre plus noise (cosine to its centre ~0.7), queries likewise.
     */
    private record Clustered(int dimension, float[][] centres) implements Data {
        Clustered(int dimension, int count, SplittableRandom random) {
            this(dimension, centresOf(dimension, count, random));
        }

        private static float[][] centresOf(int dimension, int count, SplittableRandom random) {
            float[][] c = new float[count][];
            for (int i = 0; i < count; i++) {
                c[i] = unit(random, dimension);
            }
            return c;
        }

        public float[] entry(SplittableRandom random) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] noise = unit(random, dimension);
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = centre[i] + noise[i];
            }
            return normalise(v);
        }

        public float[] query(SplittableRandom random) {
            return entry(random);
        }

        public String describe() {
            return "clustered unit vectors (" + centres.length + " centres, each entry a centre plus as much noise)";
        }
    }

    private static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
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
