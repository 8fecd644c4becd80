package dev.detour.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command-line options of {@link OverheadBenchmark}. Defaults give the full run the issue asks for: both
 * targets, both modes, 1 and 64 connections, a 5 s warm-up and a 10 s measurement per cell (about 2.5 minutes).
 */
public record BenchOptions(Duration duration, Duration warmup, List<Integer> connections, List<Mode> modes,
                           String load, int wrkThreads, String gc, String heap, boolean jfr, String label,
                           Duration quietWait, int retries, Path resultsDir, Path workDir) {

    static final String USAGE = """
            usage: OverheadBenchmark [options]
              --duration 10s        measurement per cell (s, ms or m)
              --warmup 5s           warm-up per cell, discarded
              --connections 1,64    connection counts
              --modes json,stream   which response kinds
              --load auto           load generator: wrk, java, or auto (wrk when installed)
              --wrk-threads 1       wrk threads (never more than the connections)
              --gc g1               the gateway's and the sim's collector: g1 or parallel
              --heap 512m           -Xms and -Xmx of the gateway and the sim
              --jfr                 record the gateway with JFR and report its hot spots
              --label NAME          suffix for the result files (overhead-DATE-NAME.*)
              --quiet-wait 30s      before each cell, wait up to this long for other processes to go quiet
              --retries 4           cells measured again, in all, when other processes took CPU meanwhile
              --results DIR         where the figures go (default benchmarks/results)
              --work DIR            logs, configs and recordings (default benchmarks/target/bench)
            """;

    private static final Set<String> VALUED = Set.of("--duration", "--warmup", "--connections", "--modes", "--load",
            "--wrk-threads", "--gc", "--heap", "--label", "--quiet-wait", "--retries", "--results", "--work");

    public static BenchOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(5);
        List<Integer> connections = List.of(1, 64);
        List<Mode> modes = List.of(Mode.JSON, Mode.STREAM);
        String load = "auto";
        int wrkThreads = 1;
        String gc = "g1";
        String heap = "512m";
        boolean jfr = false;
        String label = "";
        Duration quietWait = Duration.ofSeconds(30);
        int retries = 4;
        Path base = defaultModuleDir();
        Path results = base.resolve("results");
        Path work = base.resolve("target").resolve("bench");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--jfr" -> jfr = true;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (!VALUED.contains(arg)) {
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + arg + "\n" + USAGE);
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--duration" -> duration = duration(value);
                        case "--warmup" -> warmup = duration(value);
                        case "--connections" -> connections = Arrays.stream(value.split(","))
                                .map(String::trim).map(Integer::parseInt).toList();
                        case "--modes" -> modes = Arrays.stream(value.split(","))
                                .map(s -> Mode.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
                        case "--load" -> load = oneOf(arg, value, "auto", "wrk", "java");
                        case "--wrk-threads" -> wrkThreads = Integer.parseInt(value);
                        case "--gc" -> gc = oneOf(arg, value, "g1", "parallel");
                        case "--heap" -> heap = value;
                        case "--label" -> label = value;
                        case "--quiet-wait" -> quietWait = duration(value);
                        case "--retries" -> retries = Integer.parseInt(value);
                        case "--results" -> results = Path.of(value);
                        case "--work" -> work = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                }
            }
        }
        if (connections.isEmpty() || connections.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--connections needs positive counts");
        }
        return new BenchOptions(duration, warmup, List.copyOf(connections), List.copyOf(modes), load, wrkThreads,
                gc, heap, jfr, label, quietWait, retries, results, work);
    }

    /** The cells in the order they run: per mode and connection count, direct then through the gateway. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Mode mode : modes) {
            for (int c : connections) {
                cells.add(new Cell(Target.DIRECT, mode, c));
                cells.add(new Cell(Target.GATEWAY, mode, c));
            }
        }
        return cells;
    }

    /** The JVM flags the gateway and the sim run with (besides the classpath and JFR). */
    public List<String> jvmFlags() {
        return List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Xms" + heap, "-Xmx" + heap, gc.equals("parallel") ? "-XX:+UseParallelGC" : "-XX:+UseG1GC");
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static String oneOf(String option, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + String.join(", ", allowed) + ": " + value);
    }

    /** benchmarks/ whether the harness is started from the repository root or from the module folder. */
    private static Path defaultModuleDir() {
        Path here = Path.of("").toAbsolutePath();
        return here.getFileName() != null && here.getFileName().toString().equals("benchmarks")
                ? here : here.resolve("benchmarks");
    }
}
