package dev.detour.bench.cachespeed;

import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.cache.index.Candidate;
import dev.detour.cache.index.VectorIndex;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the number of candidates costs in the vector search, and whether fewer change what a lookup sees: the QQP
 * text_a vectors in one partition (as in the lookup phase), each text_b searched for k nearest, in turns of k so both
 * see the same machine. CPU time of the searching thread, which machine noise inflates far less than latency.
 */
final class CandidateSearchCost {

    private static final double FLOOR = 0.92;
    private static final int[] KS = {16, 50};

    private CandidateSearchCost() {
    }

    static String run(OnnxEmbedder embedder, QqpPairs qqp, int fill, int lookups) throws Exception {
        List<QqpPairs.Pair> pairs = qqp.pairs();
        int stored = Math.min(fill, pairs.size());
        int asked = Math.min(lookups, pairs.size());
        Path dir = Files.createTempDirectory("detour-cache-search-");
        try (VectorIndex index = VectorIndex.open(dir, true)) {
            for (int i = 0; i < stored; i++) {
                index.add("e" + i, "p", embedder.embed(pairs.get(i).a()));
            }
            index.refresh();
            List<float[]> queries = new ArrayList<>(asked);
            for (int i = 0; i < asked; i++) {
                queries.add(embedder.embed(pairs.get(i).b()));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[KS.length];
            List<List<Set<String>>> above = new ArrayList<>();
            for (int k = 0; k < KS.length; k++) {
                above.add(new ArrayList<>());
            }
            for (int round = 0; round < 4; round++) {
                for (int k = 0; k < KS.length; k++) {
                    long before = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < asked; i++) {
                        List<Candidate> found = index.search("p", queries.get(i), KS[k]);
                        if (round == 3) {
                            Set<String> ids = new HashSet<>();
                            found.stream().filter(c -> c.cosine() >= FLOOR).forEach(c -> ids.add(c.id()));
                            above.get(k).add(ids);
                        }
                    }
                    if (round > 0) {
                        cpu[k] += threads.getCurrentThreadCpuTime() - before;
                    }
                }
            }
            int differ = 0;
            int full = 0;
            for (int i = 0; i < asked; i++) {
                differ += above.get(0).get(i).equals(above.get(1).get(i)) ? 0 : 1;
                full += above.get(0).get(i).size() == KS[0] ? 1 : 0;
            }
            StringBuilder out = new StringBuilder("## Vector search: candidates asked for\n\n").append(stored)
                    .append(" text_a vectors in one partition, ").append(asked).append(" text_b searched; CPU of the ")
                    .append("searching thread over three rounds after a warm-up, k in turns.\n\n")
                    .append("| k | CPU per search µs |\n|---|---|\n");
            for (int k = 0; k < KS.length; k++) {
                out.append(String.format(Locale.ROOT, "| %d | %.0f |%n", KS[k], cpu[k] / 1_000.0 / (3.0 * asked)));
            }
            out.append(String.format(Locale.ROOT, "%nCandidates above the floor %.2f that differ between "
                    + "k=%d and k=%d: %d of %d searches; searches whose %d were all above the floor (the cache then "
                    + "searches again for all): %d.%n%n", FLOOR, KS[0], KS[1], differ, asked, KS[0], full));
            out.append(betweenEmbeddings(embedder, pairs, index, dir, stored, queries));
            return out.toString();
        } finally {
            CacheSpeedBenchmark.deleteTree(dir);
        }
    }

    /**
     * A search in a lookup comes right after an embedding, whose ~23 MB of model weights have pushed the index's
     * vectors out of the CPU caches; back-to-back searches (above) keep them cached. Here each search follows an
     * embedding, as in a lookup, and only the search is timed: the partition (here all of the index) scanned exactly
     * against the HNSW walk (what the index does for a partition that is most of its segment), in turns.
     */
    private static String betweenEmbeddings(OnnxEmbedder embedder, List<QqpPairs.Pair> pairs, VectorIndex walk,
                                            Path dir, int stored, List<float[]> queries) throws Exception {
        Path scanDir = Files.createTempDirectory(dir, "scan-");
        try (VectorIndex exact = VectorIndex.open(scanDir, true, Integer.MAX_VALUE, 1.0, 0)) {
            for (int i = 0; i < stored; i++) {
                exact.add("e" + i, "p", embedder.embed(pairs.get(i).a()));
            }
            exact.refresh();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            VectorIndex[] indexes = {exact, walk};
            String[] names = {"exact scan of the partition", "HNSW walk"};
            long[][] nanos = new long[2][queries.size()];
            long[] cpu = new long[2];
            int differ = 0;
            for (int i = 0; i < queries.size(); i++) {
                Set<String> first = null;
                for (int w = 0; w < 2; w++) {
                    int which = (i + w) % 2; // alternate which goes first
                    embedder.embed(pairs.get((i * 7 + w) % pairs.size()).a());
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    long before = System.nanoTime();
                    List<Candidate> found = indexes[which].search("p", queries.get(i), KS[0]);
                    nanos[which][i] = System.nanoTime() - before;
                    cpu[which] += threads.getCurrentThreadCpuTime() - cpuBefore;
                    Set<String> above = new HashSet<>();
                    found.stream().filter(c -> c.cosine() >= FLOOR).forEach(c -> above.add(c.id()));
                    if (first == null) {
                        first = above;
                    } else if (!first.equals(above)) {
                        differ++;
                    }
                }
            }
            StringBuilder out = new StringBuilder("### Searches as a lookup makes them: each right after an embedding\n\n")
                    .append(stored).append(" vectors in one partition, k=").append(KS[0]).append(", ")
                    .append(queries.size()).append(" searches each, the two ways in turns.\n\n")
                    .append("| how | CPU per search µs | p50 µs | p99 µs |\n|---|---|---|---|\n");
            for (int w = 0; w < 2; w++) {
                long[] sorted = nanos[w].clone();
                java.util.Arrays.sort(sorted);
                out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", names[w],
                        cpu[w] / 1_000.0 / queries.size(), sorted[sorted.length / 2] / 1_000.0,
                        sorted[(int) (sorted.length * 0.99)] / 1_000.0));
            }
            return out.append(String.format(Locale.ROOT, "%nSearches whose candidates above %.2f differ between the two: "
                    + "%d of %d.%n%n", FLOOR, differ, queries.size())).toString();
        }
    }
}
