package dev.detour.bench.cachespeed;

import dev.detour.cache.AnswerToStore;
import dev.detour.cache.CacheSettings;
import dev.detour.cache.SemanticCache;
import dev.detour.cache.StoreOptions;
import dev.detour.cache.embed.Embedder;
import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.MicroBatchingEmbedder;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.cache.lookup.BoundedWorkers;
import dev.detour.cache.lookup.LookupOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.policy.AnswerFacts;
import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.request.Turn;
import dev.detour.cache.verify.HitVerifiers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Speed of the semantic cache: store and lookup latency one request at a time (embed + search + verify + fetch),
 * lookups per second at saturation, embedding throughput with and without batching, an exact hit through the whole
 * gateway, and (with --index-size) a large Lucene index. Writes a Markdown report to benchmarks/results/.
 * Options: --fill N --lookups N --seconds S --threads 1,2,4 --index-size N --gateway-requests N --model NAME
 * --phases lookup,saturation,search,embedding,gateway,index --out FILE --embed-batch N --workers N --lookup-warmup N
 * (lookups made before the measured ones, so the JIT is done; the report says how long it still compiled) (search: what the
 * number of candidates costs in the vector search; not in the default phases); with --index-size: --exact-scan-below N
 * --own-field-at N (a partition this big gets a vector field of its own; 0: never, the layout before)
 * --index-queries N --index-data uniform|clustered.
 */
public final class CacheSpeedBenchmark {

    private static final byte[] ANSWER = ("{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + "An answer of a realistic length, a few sentences long, as a cached completion would hold it. "
            .repeat(4) + "\",\"refusal\":null},\"finish_reason\":\"stop\",\"logprobs\":null}],"
            + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":80,\"total_tokens\":100}}")
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int fill = Integer.parseInt(opts.getOrDefault("fill", "5000"));
        int lookups = Integer.parseInt(opts.getOrDefault("lookups", "2000"));
        int lookupWarmup = Integer.parseInt(opts.getOrDefault("lookup-warmup", "3000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int indexSize = Integer.parseInt(opts.getOrDefault("index-size", "0"));
        int gatewayRequests = Integer.parseInt(opts.getOrDefault("gateway-requests", "3000"));
        String phases = opts.getOrDefault("phases", "lookup,saturation,embedding,gateway,index");
        EmbeddingModelChoice model = EmbeddingModelChoice.byConfigName(opts.getOrDefault("model",
                "all-minilm-l6-v2-q")).orElseThrow();
        List<Integer> threads = java.util.Arrays.stream(opts.getOrDefault("threads", "1,2,4").split(","))
                .map(Integer::parseInt).toList();
        // The shared data folder sits next to the main checkout (../shared) or next to the worktrees (../../shared).
        Path data = Path.of(opts.getOrDefault("data", Files.exists(Path.of("../shared/data/qqp/pairs.jsonl"))
                ? "../shared/data/qqp/pairs.jsonl" : "../../shared/data/qqp/pairs.jsonl"));

        StringBuilder report = new StringBuilder();
        report.append("# Semantic cache speed, ").append(LocalDate.now()).append("\n\n")
                .append("Command: `").append(System.getenv().getOrDefault("BENCH_COMMAND",
                        "benchmarks/run-cache-speed.sh " + String.join(" ", args))).append("`\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores (shared with other work; load average at start ")
                .append(String.format(Locale.ROOT, "%.1f", java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean().getSystemLoadAverage())).append("), Java ")
                .append(Runtime.version()).append(", model ").append(model.configName())
                .append(", JVM options ").append(java.lang.management.ManagementFactory.getRuntimeMXBean()
                        .getInputArguments().stream().filter(a -> a.startsWith("-X")).toList()).append(".\n\n");

        long t0 = System.nanoTime();
        OnnxEmbedder embedder = OnnxEmbedder.load(model);
        report.append("Embedding model load (with warm-up): ").append((System.nanoTime() - t0) / 1_000_000)
                .append(" ms\n\n");
        QqpPairs qqp = QqpPairs.read(data, Math.max(fill, lookups));
        Path dir = Files.createTempDirectory("detour-cache-speed-");
        CacheSettings settings = CacheSettings.defaults(dir).withSemanticTimeout(Duration.ofSeconds(2))
                .withMaxEntries(10_000_000);
        // The gateway's default verifier (guard + trained model), so "verify" in the lookup is what production does.
        // --embed-batch N > 1: concurrent lookups' sentences are embedded together (MicroBatchingEmbedder, one model
        // call per core at once); --workers N: the cache's worker threads (default one per core), which bound how
        // many embeds can be waiting to be batched.
        int cores = Runtime.getRuntime().availableProcessors();
        int embedBatch = Integer.parseInt(opts.getOrDefault("embed-batch", "1"));
        int workerThreads = Integer.parseInt(opts.getOrDefault("workers", String.valueOf(cores)));
        Embedder lookupEmbedder = embedBatch > 1 ? new MicroBatchingEmbedder(embedder, cores, embedBatch) : embedder;
        report.append("Cache workers: ").append(workerThreads).append("; micro-batching: ")
                .append(embedBatch > 1 ? "up to " + embedBatch + " sentences per model call, " + cores
                        + " calls at once" : "off").append(".\n\n");
        try (SemanticCache cache = SemanticCache.open(settings, lookupEmbedder, HitVerifiers.standard(),
                Clock.systemUTC(), new BoundedWorkers(workerThreads, 64 * cores))) {
            if (phases.contains("lookup") || phases.contains("saturation")) {
                report.append(lookupPhase(cache, qqp, fill, lookups, lookupWarmup));
            }
            if (phases.contains("saturation")) {
                report.append(saturationPhase(cache, qqp, Math.min(fill, qqp.pairs().size()), threads, seconds));
            }
        }
        deleteTree(dir);
        if (phases.contains("search")) {
            report.append(CandidateSearchCost.run(embedder, qqp, fill, lookups));
        }
        if (phases.contains("embedding")) {
            report.append(EmbeddingThroughput.run(embedder, qqp, seconds));
        }
        if (phases.contains("gateway")) {
            report.append(GatewayExactHit.run(embedder, gatewayRequests));
        }
        embedder.close();
        if (phases.contains("index") && indexSize > 0) {
            report.append(LargeIndex.run(indexSize, embedder.dimension(),
                    Integer.parseInt(opts.getOrDefault("exact-scan-below",
                            String.valueOf(dev.detour.cache.index.VectorIndex.DEFAULT_EXACT_SCAN_BELOW))),
                    Integer.parseInt(opts.getOrDefault("index-queries", "2000")),
                    opts.getOrDefault("index-data", "uniform").equals("clustered"),
                    Integer.parseInt(opts.getOrDefault("own-field-at",
                            String.valueOf(dev.detour.cache.index.VectorIndex.DEFAULT_OWN_FIELD_AT)))));
        }
        report.append(String.format(Locale.ROOT, "Load average at the end: %.1f (on %d cores; above the core count, "
                        + "other processes competed for the CPU and the figures above are inflated).%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        Path out = Path.of(opts.getOrDefault("out", "benchmarks/results/cache-speed-" + LocalDate.now() + ".md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out);
    }

    static CacheRequest ask(String question) {
        return new CacheRequest("bench", "chat", List.of(Turn.text("system", "You are helpful."),
                Turn.text("user", question)), null, null, Map.of("temperature", "0"), 0.0);
    }

    private static String lookupPhase(SemanticCache cache, QqpPairs qqp, int fill, int lookups, int warmup) {
        Latencies stores = new Latencies();
        List<QqpPairs.Pair> pairs = qqp.pairs();
        AnswerFacts ok = new AnswerFacts(200, "stop", true, false, AnswerFacts.Origin.REQUESTED_ROUTE);
        for (int i = 0; i < Math.min(fill, pairs.size()); i++) {
            long s = System.nanoTime();
            cache.store(ask(pairs.get(i).a()), new AnswerToStore(ANSWER, "openai", "gpt-4o-mini", ok),
                    StoreOptions.DEFAULT);
            stores.recordNanos(System.nanoTime() - s);
        }
        // Warm-up, so that what is measured is a gateway that has been up a while: C2 was still compiling for ~2 s of
        // the measured lookups after 300 of them (one of the 2 cores), far more than anything the lookup does.
        for (int i = 0; i < warmup; i++) {
            cache.lookup(ask(pairs.get(i % Math.min(lookups, pairs.size())).b()), LookupOptions.DEFAULT);
        }
        Latencies all = new Latencies();
        Latencies semanticHits = new Latencies();
        Latencies misses = new Latencies();
        Latencies exact = new Latencies();
        long before = cache.stats().failedOpen();
        long jitBefore = jitMillis();
        long gcBefore = gcMillis();
        long cpuBefore = lookupCpuNanos();
        for (int i = 0; i < Math.min(lookups, pairs.size()); i++) {
            long s = System.nanoTime();
            LookupResult r = cache.lookup(ask(pairs.get(i).b()), LookupOptions.DEFAULT);
            long d = System.nanoTime() - s;
            all.recordNanos(d);
            (r instanceof LookupResult.Hit ? semanticHits : misses).recordNanos(d);
        }
        double cpuPerLookup = (lookupCpuNanos() - cpuBefore) / 1_000.0 / Math.max(1, all.count());
        long jit = jitMillis() - jitBefore;
        long gc = gcMillis() - gcBefore;
        for (int i = 0; i < Math.min(lookups, Math.min(fill, pairs.size())); i++) {
            long s = System.nanoTime();
            cache.lookup(ask(pairs.get(i).a()), LookupOptions.DEFAULT);
            exact.recordNanos(System.nanoTime() - s);
        }
        return "## Store and lookup, one request at a time\n\n" + cache.stats().entries()
                + " entries (QQP text_a); after " + warmup + " warm-up lookups, lookups of text_b (semantic path: embed + search (16 candidates, "
                + "all 50 only when the 16 are all above the floor) + verify + fetch) and of text_a again (exact path). Failed open during the run: "
                + (cache.stats().failedOpen() - before) + ".\n\n" + Latencies.header() + "\n"
                + stores.row("store (embed + MapDB put + index add)") + "\n"
                + all.row("lookup, semantic path, all") + "\n"
                + semanticHits.row("lookup, semantic path, hits") + "\n"
                + misses.row("lookup, semantic path, misses") + "\n"
                + exact.row("lookup, exact hit") + "\n\n"
                + String.format(Locale.ROOT, "CPU per semantic-path lookup (the calling thread and the "
                        + "cache's workers; machine noise inflates it far less than latency): %.0f µs. During the "
                        + "semantic-path lookups the JIT compiled for %d ms and collections paused for %d ms (both "
                        + "take a core from 2).%n%n", cpuPerLookup, jit, gc);
    }

    /** Time the JIT compilers have spent so far (on the compiler threads, beside the measured ones). */
    private static long jitMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        long sum = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** CPU time of the thread doing the lookups and of the cache's worker threads that do their semantic step. */
    private static long lookupCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = threads.getCurrentThreadCpuTime();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("detour-cache-worker-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
            }
        }
        return sum;
    }

    private static String saturationPhase(SemanticCache cache, QqpPairs qqp, int size, List<Integer> threadCounts,
                                          int seconds) throws InterruptedException {
        StringBuilder out = new StringBuilder("## Lookups per second at saturation (semantic path)\n\n"
                + "Callers loop over text_b lookups for " + seconds + " s each (cache workers and batching as above)."
                + "\n\n| callers | lookups/s | p50 ms | p99 ms | failed open |\n|---|---|---|---|---|\n");
        for (int n : threadCounts) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong done = new AtomicLong();
            long failedBefore = cache.stats().failedOpen();
            List<Latencies> perThread = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                Latencies lat = new Latencies();
                perThread.add(lat);
                int offset = t * 997;
                workers.add(Thread.ofPlatform().start(() -> {
                    int i = offset;
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        cache.lookup(ask(qqp.pairs().get(i++ % size).b()), LookupOptions.DEFAULT);
                        lat.recordNanos(System.nanoTime() - s);
                        done.incrementAndGet();
                    }
                }));
            }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            org.HdrHistogram.Histogram merged = new org.HdrHistogram.Histogram(60_000_000L, 3);
            perThread.forEach(l -> merged.add(l.histogram()));
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %.3f | %.3f | %d |%n", n, done.get() / elapsed,
                    merged.getValueAtPercentile(50) / 1000.0, merged.getValueAtPercentile(99) / 1000.0,
                    cache.stats().failedOpen() - failedBefore));
        }
        return out.append("\n").toString();
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
