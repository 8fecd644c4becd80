package dev.detour.bench.local;

import dev.detour.local.ChatTurn;
import dev.detour.local.GenerationRequest;
import dev.detour.local.GenerationResult;
import dev.detour.local.LocalModel;
import dev.detour.local.LocalModelOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Time to first token, tokens per second, and the decode loop's own cost per token next to a bare ONNX Runtime
 * loop on the same model in the same run (runs alternate, medians compared). Writes a Markdown table to
 * benchmarks/results/local-model-DATE.md with the command that made it.
 *
 * <p>usage: LocalModelBenchmark [--model DIR]... [--tokens 64] [--runs 30] [--warmup 5] [--threads 1] [--results DIR]
 * (default models: ../shared/models/tiny-random-llama-fp16 and every model folder in models/)
 */
public final class LocalModelBenchmark {

    private static final List<ChatTurn> PROMPT = List.of(new ChatTurn("system", "You are a helpful assistant."),
            new ChatTurn("user", "Explain in a few sentences why the sky is blue."));

    public static void main(String[] args) throws Exception {
        List<Path> models = new ArrayList<>();
        int tokens = 64;
        int runs = 30;
        int warmup = 5;
        int threads = 1;
        Path results = Path.of("benchmarks/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> models.add(Path.of(args[++i]));
                case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (models.isEmpty()) {
            models.addAll(defaultModels());
        }
        StringBuilder md = new StringBuilder();
        String command = System.getenv().getOrDefault("BENCH_COMMAND", "LocalModelBenchmark " + String.join(" ", args));
        md.append("# Local model: time to first token, tokens/s, loop overhead\n\n")
                .append("Command: `").append(command).append("`  \n")
                .append("Date: ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores (shared with other work), Java ").append(Runtime.version()).append(", ONNX Runtime intra-op threads: ")
                .append(threads).append(".  \n")
                .append("Greedy, ").append(tokens).append(" new tokens per run, ").append(runs).append(" measured runs after ")
                .append(warmup).append(" warm-up runs; each run of the module's loop is paired with a run of the bare ")
                .append("ONNX Runtime loop on the same prompt ids and token count (which goes first alternates), so both see the same machine load. ")
                .append("Figures are medians (p90 in brackets); an overhead is the median of the pairs' ratios.\n\n")
                .append("- **TTFT**: `LocalModel.generate` called -> first text piece (chat template, tokenizer, prefill, ")
                .append("first token, detokenization).\n")
                .append("- **decode ms/token**: after the first token, per further token. The module's loop also detokenizes ")
                .append("incrementally, checks stop strings and the deadline, and streams each piece; the bare loop only runs ")
                .append("the graph and takes the argmax.\n")
                .append("- **non-streamed**: the whole `generate` call without a listener (template, tokenizer, prefill, every step, ")
                .append("one final decode) per generated token, module / bare loop (which starts from token ids).\n\n")
                .append("| model | load | prompt tokens | TTFT ms | tokens/s (decode) | module ms/token (streamed) | bare ORT ms/token | streamed loop overhead | non-streamed ms/token, module / bare |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Path dir : models) {
            md.append(measure(dir, tokens, runs, warmup, threads)).append('\n');
        }
        Files.createDirectories(results);
        Path out = results.resolve("local-model-" + LocalDate.now() + ".md");
        Files.writeString(out, md);
        System.out.println(md);
        System.out.println("written to " + out);
    }

    private static String measure(Path dir, int tokens, int runs, int warmup, int threads) throws Exception {
        long loadStart = System.nanoTime();
        LocalModelOptions options = new LocalModelOptions(threads, 1, 1, 0, Duration.ofSeconds(1), Duration.ofMinutes(10));
        try (LocalModel model = LocalModel.load(dir, options);
             BareOrtLoop bare = new BareOrtLoop(model.folder().decoder(), threads)) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            GenerationRequest request = new GenerationRequest(PROMPT, tokens, 0.0, null, null, null, List.of());
            long[] prompt = model.promptTokens(request);
            double[] ttft = new double[runs];
            double[] module = new double[runs];
            double[] bareCost = new double[runs];
            double[] moduleWhole = new double[runs];
            double[] bareWhole = new double[runs];
            int n = model.generate(request).tokenIds().size();
            long[] expected = model.generate(request).tokenIds().stream().mapToLong(Long::longValue).toArray();
            int generatedCount = n;
            for (int r = -warmup; r < runs; r++) {
                // Alternate which loop goes first, so neither always runs on a warmer (or busier) machine.
                boolean moduleFirst = (r & 1) == 0;
                double[] m = moduleFirst ? moduleStreamed(model, request) : null;
                double[] b = bareStreamed(bare, prompt, n, expected, dir);
                if (m == null) {
                    m = moduleStreamed(model, request);
                }
                double mw = moduleFirst ? moduleWhole(model, request, n) : 0;
                double bw = bareWhole(bare, prompt, n);
                if (!moduleFirst) {
                    mw = moduleWhole(model, request, n);
                }
                if (r >= 0 && n > 1) {
                    ttft[r] = m[0];
                    module[r] = m[1] / (n - 1);
                    bareCost[r] = b[1] / (n - 1);
                    moduleWhole[r] = mw / n;
                    bareWhole[r] = bw / n;
                }
            }
            double moduleMs = median(module);
            double bareMs = median(bareCost);
            double wholeMs = median(moduleWhole);
            double bareWholeMs = median(bareWhole);
            // Overheads are the median of each pair's ratio: the two runs of a pair are back to back, so they share
            // the machine's load, which on a shared machine moves more between pairs than within one.
            double[] streamedRatio = new double[runs];
            double[] wholeRatio = new double[runs];
            for (int i = 0; i < runs; i++) {
                streamedRatio[i] = module[i] / bareCost[i];
                wholeRatio[i] = moduleWhole[i] / bareWhole[i];
            }
            return String.format(Locale.ROOT, "| %s | %.0f ms | %d | %.2f (%.2f) | %.0f | %.3f (%.3f) | %.3f (%.3f) | %+.1f %% | %.3f / %.3f: %+.1f %% |",
                    dir.getFileName(), loadMs, prompt.length, median(ttft), p90(ttft), 1000 / moduleMs, moduleMs, p90(module),
                    bareMs, p90(bareCost), (median(streamedRatio) - 1) * 100, wholeMs, bareWholeMs,
                    (median(wholeRatio) - 1) * 100)
                    + (generatedCount < tokens ? " (stopped at " + generatedCount + " tokens: EOS)" : "");
        }
    }

    /** {time to first piece, time from first piece to the end} in ms. */
    private static double[] moduleStreamed(LocalModel model, GenerationRequest request) {
        long[] first = {0};
        long start = System.nanoTime();
        model.generate(request, piece -> {
            if (first[0] == 0) {
                first[0] = System.nanoTime();
            }
        });
        long end = System.nanoTime();
        return new double[] {(first[0] - start) / 1e6, (end - first[0]) / 1e6};
    }

    private static double[] bareStreamed(BareOrtLoop bare, long[] prompt, int n, long[] expected, Path dir) throws Exception {
        long[] first = {0};
        long start = System.nanoTime();
        long[] ids = bare.generate(prompt, n, first);
        long end = System.nanoTime();
        if (!Arrays.equals(ids, expected)) {
            throw new IllegalStateException(dir + ": the bare loop and the module chose different tokens");
        }
        return new double[] {(first[0] - start) / 1e6, (end - first[0]) / 1e6};
    }

    private static double moduleWhole(LocalModel model, GenerationRequest request, int n) {
        long start = System.nanoTime();
        GenerationResult result = model.generate(request);
        long end = System.nanoTime();
        if (result.tokenIds().size() != n) {
            throw new IllegalStateException("streamed and non-streamed runs differ");
        }
        return (end - start) / 1e6;
    }

    private static double bareWhole(BareOrtLoop bare, long[] prompt, int n) throws Exception {
        long start = System.nanoTime();
        bare.generate(prompt, n, new long[1]);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double p90(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
    }

    private static List<Path> defaultModels() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path shared : List.of(Path.of("../shared/models/tiny-random-llama-fp16"), Path.of("/work/shared/models/tiny-random-llama-fp16"))) {
            if (Files.isRegularFile(shared.resolve("model.onnx"))) {
                found.add(shared);
                break;
            }
        }
        Path models = Path.of("models");
        if (Files.isDirectory(models)) {
            try (Stream<Path> dirs = Files.list(models)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("genai_config.json")) || Files.isRegularFile(d.resolve("config.json")))
                        .sorted().forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no model: pass --model DIR (the tiny test model is ../shared/models/tiny-random-llama-fp16)");
        }
        return found;
    }
}
