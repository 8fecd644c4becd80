package dev.detour.bench.quality;

import dev.detour.cache.verify.FalseHitGuard;
import dev.detour.cache.verify.GuardFinding;
import dev.detour.cache.verify.HitVerifiers;
import dev.detour.cache.verify.TrainedVerifier;
import dev.detour.cache.verify.Verdict;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The semantic cache's quality on the QQP pairs: store text_a, look up text_b, a hit is right only when the pair is a
 * duplicate. Sweeps cosine, cosine + guard and the trained verifier per embedding model; trains on the training part,
 * chooses the default on the validation part and reports the held-out part only. Run it with run-cache-quality.sh.
 */
public final class CacheQualityBenchmark {

    private CacheQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path pairsFile = Path.of(o.getOrDefault("pairs", "/work/shared/data/qqp/pairs.jsonl"));
        Path embeddings = Path.of(o.getOrDefault("embeddings", "benchmarks/target/qqp-embeddings"));
        Path results = Path.of(o.getOrDefault("out", "benchmarks/results"));
        String label = o.containsKey("label") ? "-" + o.get("label") : "";
        double targetPrecision = Double.parseDouble(o.getOrDefault("target-precision", "0.96"));
        int epochs = Integer.parseInt(o.getOrDefault("epochs", "40"));
        double l2 = Double.parseDouble(o.getOrDefault("l2", "0.0001"));
        boolean embeddingFeatures = Boolean.parseBoolean(o.getOrDefault("embedding-features", "true"));
        double trainFloor = Double.parseDouble(o.getOrDefault("train-floor", "0.70"));
        boolean guardPassingOnly = Boolean.parseBoolean(o.getOrDefault("train-guard-passing-only", "true"));
        List<EmbeddingModelChoice> models = new ArrayList<>();
        for (String m : o.getOrDefault("models", "all-minilm-l6-v2-q,bge-small-en-v1.5-q").split(",")) {
            models.add(EmbeddingModelChoice.byName(m.strip()));
        }

        QqpPairs pairs = QqpPairs.read(pairsFile);
        System.out.printf("%,d pairs, %,d distinct texts from %s%n", pairs.pairs().size(), pairs.texts().size(), pairsFile);
        List<ModelEvaluation> evaluations = new ArrayList<>();
        Map<EmbeddingModelChoice, List<VerifierTiming>> timings = new LinkedHashMap<>();
        Map<EmbeddingModelChoice, List<ReplayResult>> replays = new LinkedHashMap<>();
        for (EmbeddingModelChoice model : models) {
            float[][] vectors = EmbeddingFile.loadOrCompute(embeddings, model, pairs.texts());
            ModelEvaluation e = new ModelEvaluation(model);
            long start = System.nanoTime();
            e.score(pairs, vectors, embeddingFeatures);
            System.out.printf("scored %s: cosine, guard and features in %.1f s%n", model.modelName(), (System.nanoTime() - start) / 1e9);
            e.train(new LogisticTrainer(l2, epochs, 42), trainFloor, guardPassingOnly);
            e.choose(targetPrecision);
            PrPoint held = e.chosenOnHeldOut();
            System.out.printf("%s default: cosine >= %.2f, guard, verifier p >= %.3f -> held-out precision %.3f recall %.3f%n",
                    model.modelName(), e.chosenFloor, e.chosenThreshold, held.precision(), held.recall());
            timings.put(model, time(e, pairs, vectors));
            replays.put(model, replay(e, pairs, vectors, Integer.parseInt(o.getOrDefault("replay-pairs", "2500"))));
            evaluations.add(e);
            if (o.containsKey("write-model")) {
                Path dir = Path.of(o.get("write-model"));
                Files.createDirectories(dir);
                Path file = dir.resolve(HitVerifiers.resourceName(model.modelName()));
                try (Writer w = Files.newBufferedWriter(file)) {
                    e.verifier.write(w, List.of(
                            "Detour hit verifier for " + model.modelName() + ": logistic regression on PairFeatures.",
                            "Made by: " + System.getenv().getOrDefault("BENCH_COMMAND", "CacheQualityBenchmark") + " on " + LocalDate.now(ZoneOffset.UTC),
                            String.format(Locale.ROOT, "Trained on the QQP training split (7/10 by id hash, cosine >= %.2f%s), l2 %s, %d epochs;", trainFloor, guardPassingOnly ? ", passing the guard" : "", l2, epochs),
                            String.format(Locale.ROOT, "floor and threshold chosen on the validation split; held-out precision %.3f, recall %.3f.", held.precision(), held.recall())));
                }
                System.out.println("wrote " + file);
            }
        }
        Files.createDirectories(results);
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Path md = results.resolve("cache-quality-" + date + label + ".md");
        Path png = results.resolve("cache-quality-" + date + label + ".png");
        Files.writeString(md, QualityReport.markdown(evaluations, timings, replays, pairs, png.getFileName().toString()));
        PrecisionRecallChart.write(evaluations, png);
        System.out.println("wrote " + md + " and " + png);
    }

    private static List<VerifierTiming> time(ModelEvaluation e, QqpPairs pairs, float[][] vectors) {
        List<ScoredPair> candidates = e.scored.stream()
                .filter(s -> s.split == Split.HELD_OUT && s.cosine >= e.chosenFloor).limit(3000).toList();
        List<VerifierTiming> list = new ArrayList<>();
        list.add(VerifierTiming.measure("guard only", new FalseHitGuard(), candidates, pairs, vectors, 3));
        list.add(VerifierTiming.measure("default (floor + guard + model)", new TrainedVerifier(e.verifier, true),
                candidates, pairs, vectors, 3));
        for (VerifierTiming t : list) {
            System.out.printf("  %s per candidate: p50 %.1f us, p99 %.1f us, mean %.1f us (%,d calls)%n", t.verifier(),
                    t.p50Micros(), t.p99Micros(), t.meanMicros(), t.calls());
        }
        return list;
    }

    private static List<ReplayResult> replay(ModelEvaluation e, QqpPairs pairs, float[][] vectors, int pairCount) {
        ReplayBenchmark bench = new ReplayBenchmark(pairs, vectors, pairCount, 7);
        System.out.printf("replaying %,d questions from %,d held-out pairs (%s)%n", bench.size(), pairCount, e.model.modelName());
        FalseHitGuard guard = new FalseHitGuard();
        List<ReplayResult> results = new ArrayList<>();
        results.add(bench.replay("exact layer only", null));
        for (double t : new double[] {0.80, 0.90, 0.95}) {
            results.add(bench.replay(String.format(Locale.ROOT, "cosine >= %.2f", t), (c, q, a, b, cos) ->
                    cos >= t ? Verdict.accept(cos, "") : Verdict.reject(cos, "")));
            results.add(bench.replay(String.format(Locale.ROOT, "cosine >= %.2f + guard", t), (c, q, a, b, cos) ->
                    cos >= t ? guard.judge(c, q, a, b, cos) : Verdict.reject(cos, "")));
        }
        results.add(bench.replay(String.format(Locale.ROOT, "default: cosine >= %.2f + guard + verifier p >= %.3f",
                e.chosenFloor, e.chosenThreshold), new TrainedVerifier(e.verifier, true)));
        for (ReplayResult r : results) {
            System.out.printf("  %-60s provider calls avoided %.3f, wrong answers served %.4f%n", r.rule(), r.avoidedShare(), r.wrongShare());
        }
        return results;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("""
                        options: --pairs FILE (/work/shared/data/qqp/pairs.jsonl) --models LIST (all-minilm-l6-v2-q,bge-small-en-v1.5-q)
                                 --embeddings DIR (benchmarks/target/qqp-embeddings) --out DIR (benchmarks/results) --label NAME
                                 --target-precision P (0.96, on the validation part) --epochs N (40) --l2 L (0.0001)
                                 --write-model DIR (write verifier-MODEL.txt there) --replay-pairs N (2500)
                                 --train-floor C (0.70) --train-guard-passing-only true|false (true)
                                 --embedding-features true|false (true: element-wise product and distance as features)""");
                System.exit(0);
            }
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + a);
            }
            o.put(a.substring(2), args[++i]);
        }
        return o;
    }

    static String findingName(GuardFinding f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
