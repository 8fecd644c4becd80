package dev.detour.bench.quality;

import dev.detour.cache.verify.GuardFinding;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown report of a quality run: held-out figures only, the default, the guard's cost, the verifier's cost. */
final class QualityReport {

    private QualityReport() {
    }

    static String markdown(List<ModelEvaluation> evaluations, Map<EmbeddingModelChoice, List<VerifierTiming>> timings,
                           Map<EmbeddingModelChoice, List<ReplayResult>> replays, QqpPairs pairs, String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("# Semantic cache quality on QQP pairs\n\n");
        md.append("- command: `").append(System.getenv().getOrDefault("BENCH_COMMAND", "CacheQualityBenchmark")).append("`\n");
        md.append("- commit: ").append(System.getenv().getOrDefault("BENCH_COMMIT", "?")).append(", ").append(Instant.now())
                .append(", JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs\n");
        ModelEvaluation first = evaluations.get(0);
        md.append(String.format(Locale.ROOT,
                "- data: %,d pairs; split by a hash of the pair id (SplitMix64 of id, mod 10): held out %,d pairs (%,d duplicates), "
                        + "validation %,d, training %,d. **Every figure below is on the held-out part**, which took no part in "
                        + "training or in choosing thresholds.%n",
                pairs.pairs().size(), first.count(Split.HELD_OUT, s -> true), first.count(Split.HELD_OUT, s -> s.pair.duplicate()),
                first.count(Split.VALIDATION, s -> true), first.count(Split.TRAIN, s -> true)));
        md.append("- a pair is a *hit* when the rule accepts text_b as a match for the stored text_a; precision = hits on duplicates / hits, "
                + "recall = hits on duplicates / duplicates.\n\n");
        md.append("![precision/recall](").append(chartFile).append(")\n\n");

        md.append("## Defaults chosen (on the validation part) and their held-out figures\n\n");
        md.append("| embedding model | cosine floor | verifier threshold | validation P / R | **held-out precision** | **held-out recall** | hits / duplicates |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ModelEvaluation e : evaluations) {
            PrPoint v = e.chosenOnValidation();
            PrPoint h = e.chosenOnHeldOut();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %.3f / %.3f | **%.3f** | **%.3f** | %,d / %,d |%n",
                    e.model.modelName(), e.chosenFloor, e.chosenThreshold, v.precision(), v.recall(), h.precision(),
                    h.recall(), h.hits(), h.duplicates()));
        }
        md.append("\n## Cost per candidate (beyond the query embedding)\n\n");
        md.append("| embedding model | verifier | p50 µs | p99 µs | mean µs | calls |\n|---|---|---:|---:|---:|---:|\n");
        timings.forEach((model, list) -> list.forEach(t -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %.1f | %.1f | %.1f | %,d |%n", model.modelName(), t.verifier(), t.p50Micros(), t.p99Micros(),
                t.meanMicros(), t.calls()))));

        md.append("\n## Replay: a workload with repeated and paraphrased questions\n\n");
        md.append("Built from held-out pairs: each pair's text_a is asked, later its text_b, and a quarter of the text_a again word for "
                + "word; a miss stores the question; a lookup serves the first of the 5 nearest stored questions the rule accepts. "
                + "A semantic answer is right when QQP labels the (stored, asked) pair a duplicate, wrong when it labels it not, and "
                + "*unlabelled* when no pair relates the two questions (counted as wrong: most such neighbours ask something else).\n\n");
        md.append("| embedding model | rule | asked | exact hits | semantic right | wrong | unlabelled | provider calls avoided | wrong answers served |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        replays.forEach((model, list) -> list.forEach(r -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %,d | %,d | %,d | %,d | %,d | %.3f | %.4f |%n", model.modelName(), r.rule(), r.asked(), r.exactHits(),
                r.semanticRight(), r.semanticWrong(), r.semanticUnlabelled(), r.avoidedShare(), r.wrongShare()))));
        replays.forEach((model, list) -> {
            ReplayResult chosen = list.get(list.size() - 1);
            md.append("\nWrong or unlabelled answers the default served (").append(model.modelName()).append(", first ")
                    .append(chosen.wrongSamples().size()).append("):\n\n");
            chosen.wrongSamples().forEach(w -> md.append("- ").append(w.replace("|", "\\|")).append('\n'));
        });

        for (ModelEvaluation e : evaluations) {
            md.append("\n## ").append(e.model.modelName()).append("\n\n");
            md.append("### Cosine alone and cosine + guard\n\n");
            md.append("| cosine ≥ | precision | recall | hits | + guard: precision | recall | hits |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            List<PrPoint> plain = e.cosineCurve(false);
            List<PrPoint> guarded = e.cosineCurve(true);
            for (int i = 0; i < plain.size(); i++) {
                PrPoint p = plain.get(i);
                PrPoint g = guarded.get(i);
                md.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | %,d | %.3f | %.3f | %,d |%n", p.threshold(),
                        p.precision(), p.recall(), p.hits(), g.precision(), g.recall(), g.hits()));
            }
            md.append(String.format(Locale.ROOT,
                    "%n### Trained verifier at cosine ≥ %.2f (the lowest floor; the default's own floor is %.2f)%n%n",
                    ModelEvaluation.FLOORS[0], e.chosenFloor));
            md.append("| verifier p ≥ | with guard veto: precision | recall | hits | model alone (guard as features): precision | recall | hits |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            List<PrPoint> vg = e.verifierCurve(ModelEvaluation.FLOORS[0], true);
            List<PrPoint> vn = e.verifierCurve(ModelEvaluation.FLOORS[0], false);
            for (int i = 0; i < vg.size(); i++) {
                PrPoint g = vg.get(i);
                PrPoint n = vn.get(i);
                int pct = (int) Math.round(g.threshold() * 100);
                if (pct % 10 != 0 && pct < 80) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | %,d | %.3f | %.3f | %,d |%n", g.threshold(),
                        g.precision(), g.recall(), g.hits(), n.precision(), n.recall(), n.hits()));
            }
            md.append("\n### What the guard rejects (held-out pairs at or above the cosine floor)\n\n");
            md.append(String.format(Locale.ROOT,
                    "Each rejected pair counts once, under its first finding. Rejected duplicates are the guard's cost in recall "
                            + "(QQP calls many pairs with different numbers or names duplicates, e.g. \"lose weight in 1 month\" / "
                            + "\"in one month\" pass, but \"the best movie of 2016\" / \"of 2017\" would not); rejected non-duplicates are "
                            + "wrong hits it prevents.%n%n"));
            md.append("| finding | at cosine ≥ 0.80: duplicates rejected | non-duplicates rejected | at the floor %.2f: duplicates | non-duplicates |\n".formatted(e.chosenFloor));
            md.append("|---|---:|---:|---:|---:|\n");
            Map<GuardFinding, int[]> at80 = e.guardFindings(0.80);
            Map<GuardFinding, int[]> atFloor = e.guardFindings(e.chosenFloor);
            int[] total80 = new int[2];
            int[] totalFloor = new int[2];
            for (GuardFinding f : GuardFinding.values()) {
                int[] a = at80.get(f);
                int[] b = atFloor.get(f);
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d |%n", CacheQualityBenchmark.findingName(f),
                        a[0], a[1], b[0], b[1]));
                total80[0] += a[0];
                total80[1] += a[1];
                totalFloor[0] += b[0];
                totalFloor[1] += b[1];
            }
            md.append(String.format(Locale.ROOT, "| all | %,d | %,d | %,d | %,d |%n", total80[0], total80[1], totalFloor[0], totalFloor[1]));
            PrPoint c80 = e.point(Split.HELD_OUT, "cosine", 0.80, s -> s.cosine >= 0.80);
            PrPoint g80 = e.point(Split.HELD_OUT, "cosine + guard", 0.80, s -> s.cosine >= 0.80 && s.guardPasses());
            md.append(String.format(Locale.ROOT,
                    "%nAt cosine ≥ 0.80 the guard costs %.3f of recall (%.3f -> %.3f) and lifts precision %.3f -> %.3f.%n",
                    c80.recall() - g80.recall(), c80.recall(), g80.recall(), c80.precision(), g80.precision()));
        }
        return md.toString();
    }
}
