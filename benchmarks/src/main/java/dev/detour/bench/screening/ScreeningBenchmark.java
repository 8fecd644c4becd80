package dev.detour.bench.screening;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.language.PromptLanguageDetector;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.Tier;
import dev.detour.gateway.screening.DeploymentProfiles;
import dev.detour.gateway.screening.RequestScreener;
import dev.detour.gateway.screening.RouteScreenings;
import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.tokens.TokenizerFamily;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The per-request cost of screening a chat request before any provider is called: counting prompt tokens (jtokkit),
 * detecting the prompt's language (Lingua) and the whole screen (windows, language, budget) of a four-candidate
 * route. Each case is warmed up, then timed call by call into an HdrHistogram; one thread, no I/O. Also the one-off
 * costs: loading the encodings and building the language detector, and the heap they hold.
 */
public final class ScreeningBenchmark {

    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog while the committee reviews "
            + "the quarterly report on renewable energy investments in northern Europe. ";

    private ScreeningBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Duration warmup = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<String> lines = new ArrayList<>();

        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        TokenCounter tokens = new TokenCounter();
        long encodingsMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        PromptLanguageDetector languages = new PromptLanguageDetector(List.of("zh", "ja"));
        long detectorMs = (System.nanoTime() - t1) / 1_000_000;
        long heapAfter = usedHeap();

        ChatCompletionRequest shortPrompt = request(List.of(ChatMessage.system("You are a helpful assistant."),
                ChatMessage.user("Why is the sky blue? Explain it in three sentences.")));
        ChatCompletionRequest longPrompt = request(List.of(ChatMessage.system("You are a helpful assistant."),
                ChatMessage.user(SENTENCE.repeat(80))));
        int longTokens = new PromptTokens(tokens, longPrompt).estimate(TokenizerFamily.O200K);
        String chinese = "请用三句话解释一下为什么天空是蓝色的，并举一个日常生活中的例子。";

        DetourConfig config = config();
        PriceList prices = new PriceList(config);
        RequestScreener screener = new RequestScreener(tokens, DeploymentProfiles.from(config),
                RouteScreenings.from(config), prices, languages);
        Route route = route(config, 0);
        Route openRoute = route(config, 1);

        lines.add("| case | p50 µs | p99 µs | p99.9 µs | mean µs |");
        lines.add("|---|---|---|---|---|");
        lines.add(row("count tokens, short prompt (o200k)", measure(warmup, iterations,
                () -> new PromptTokens(tokens, shortPrompt).estimate(TokenizerFamily.O200K))));
        lines.add(row("count tokens, " + longTokens + "-token prompt (o200k)", measure(warmup, iterations,
                () -> new PromptTokens(tokens, longPrompt).estimate(TokenizerFamily.O200K))));
        lines.add(row("count tokens, " + longTokens + "-token prompt (o200k + cl100k)", measure(warmup, iterations, () -> {
            PromptTokens counted = new PromptTokens(tokens, longPrompt);
            return counted.estimate(TokenizerFamily.O200K) + counted.estimate(TokenizerFamily.APPROXIMATE);
        })));
        lines.add(row("detect language, short English prompt", measure(warmup, iterations,
                () -> languages.detect("Why is the sky blue? Explain it in three sentences."))));
        lines.add(row("detect language, short Chinese prompt", measure(warmup, iterations, () -> languages.detect(chinese))));
        lines.add(row("detect language, long prompt (first 500 chars)", measure(warmup, iterations,
                () -> languages.detect(SENTENCE.repeat(80)))));
        lines.add(row("whole screen, short prompt, 4 candidates, language, no budget (upper bound fits: no count)",
                measure(warmup, iterations, () -> screener.screen(openRoute, shortPrompt, null))));
        lines.add(row("whole screen, " + longTokens + "-token prompt, 4 candidates, language, no budget (no count)",
                measure(warmup, iterations, () -> screener.screen(openRoute, longPrompt, null))));
        lines.add(row("whole screen, short prompt, 4 candidates, language + budget", measure(warmup, iterations,
                () -> screener.screen(route, shortPrompt, "0.5"))));
        lines.add(row("whole screen, " + longTokens + "-token prompt, 4 candidates, language + budget",
                measure(warmup, iterations, () -> screener.screen(route, longPrompt, "0.5"))));
        prices.close();

        String date = LocalDate.now().toString();
        StringBuilder report = new StringBuilder();
        report.append("# Request screening cost, ").append(date).append("\n\n");
        report.append("Command: `").append(System.getenv().getOrDefault("BENCH_COMMAND", "ScreeningBenchmark"))
                .append("` (warm-up ").append(warmup.toSeconds()).append(" s and ").append(iterations)
                .append(" timed calls per case, one thread)\n\n");
        report.append("JDK ").append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average at start ")
                .append(String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(", commit ").append(System.getenv().getOrDefault("BENCH_COMMIT", "?")).append("\n\n");
        lines.forEach(line -> report.append(line).append('\n'));
        report.append("\nOne-off, at start: loading the o200k and cl100k encodings ").append(encodingsMs)
                .append(" ms; building the Lingua detector (18 languages, low accuracy, preloaded) ").append(detectorMs)
                .append(" ms; heap held by both about ").append((heapAfter - heapBefore) / (1024 * 1024)).append(" MB.\n");
        System.out.print(report);
        Path out = Path.of("benchmarks", "results", "screening-" + date + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("\nwritten to " + out);
    }

    private static Histogram measure(Duration warmup, int iterations, Supplier<Object> work) {
        long sink = 0;
        long end = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < end) {
            sink += work.get().hashCode();
        }
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            Object result = work.get();
            histogram.recordValue(System.nanoTime() - start);
            sink += result.hashCode();
        }
        if (sink == 42) {
            System.out.println("(sink)");
        }
        return histogram;
    }

    private static String row(String name, Histogram h) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |", name,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMean() / 1000.0);
    }

    private static DetourConfig config() {
        List<ProviderConfig> providers = List.of(
                new ProviderConfig("openai", ProviderKind.OPENAI, null, "k", null, null, List.of(
                        new ModelConfig("gpt-4o-mini", 128_000, 0.15, 0.6, false),
                        new ModelConfig("gpt-4.1", 1_047_576, 2.0, 8.0, false))),
                new ProviderConfig("anthropic", ProviderKind.ANTHROPIC, null, "k", null, null, List.of(
                        new ModelConfig("claude-haiku-4-5", 200_000, 1.0, 5.0, false))),
                new ProviderConfig("qwen", ProviderKind.OPENAI_COMPATIBLE, "http://127.0.0.1:1", "k", null, null, List.of(
                        new ModelConfig("qwen-plus", 131_072, 0.4, 1.2, false, 0.4, List.of("zh", "ja", "en")))));
        List<TierConfig> tiers = List.of(
                new TierConfig(List.of(new DeploymentId("openai", "gpt-4o-mini"), new DeploymentId("anthropic", "claude-haiku-4-5")), Duration.ofSeconds(2)),
                new TierConfig(List.of(new DeploymentId("qwen", "qwen-plus"), new DeploymentId("openai", "gpt-4.1")), Duration.ofSeconds(3)));
        // "chat" has a route budget (every candidate's prompt is counted); "chat-open" has none.
        RouteConfig chat = new RouteConfig("chat", tiers,
                new RouteScreening(0, RouteScreening.ContextOverflow.TRIM, 1.0, List.of("zh", "ja")));
        RouteConfig open = new RouteConfig("chat-open", tiers,
                new RouteScreening(0, RouteScreening.ContextOverflow.TRIM, null, List.of("zh", "ja")));
        return new DetourConfig(ServerConfig.DEFAULTS, providers, List.of(chat, open));
    }

    private static Route route(DetourConfig config, int index) {
        RouteConfig chat = config.routes().get(index);
        return new Route(chat.name(), chat.tiers().stream().map(t -> new Tier(t.targets(), t.timeout())).toList());
    }

    private static ChatCompletionRequest request(List<ChatMessage> messages) {
        return new ChatCompletionRequest("chat", messages, null, null, null, null, 512, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
