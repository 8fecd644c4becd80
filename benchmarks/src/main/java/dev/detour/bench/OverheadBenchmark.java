package dev.detour.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The gateway-overhead benchmark: starts provider-sim and the gateway as separate processes on loopback, then
 * measures the same requests direct to the sim and through the gateway (JSON and SSE, at each connection count),
 * and writes the figures and what they mean for the goals to {@code benchmarks/results/}.
 */
public final class OverheadBenchmark {

    private final BenchOptions options;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());

    private OverheadBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        OverheadBenchmark bench = new OverheadBenchmark(options);
        // Ctrl-C or a kill: end what this run started, and only that.
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll, "bench-cleanup"));
        int status = 0;
        try {
            bench.run(String.join(" ", args));
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e.getMessage());
            e.printStackTrace(System.err);
            status = 1;
        } finally {
            bench.stopAll();
        }
        System.exit(status);
    }

    private void run(String args) throws Exception {
        Machine machine = Machine.describe();
        LoadGenerator load = loadGenerator();
        started.add(load);
        List<Cell> cells = options.cells();
        long perCell = options.warmup().plus(options.duration()).toSeconds();
        System.out.printf(Locale.ROOT, "%d cells x (%s warm-up + %s) = about %d s of load; load generator: %s%n",
                cells.size(), options.warmup(), options.duration(), cells.size() * perCell, load.name());

        Servers servers = Servers.start(options, started);
        System.out.printf("provider-sim pid %d on port %d, gateway pid %d on port %d (logs in %s)%n",
                servers.sim.pid(), servers.simPort, servers.gateway.pid(), servers.gatewayPort, options.workDir());
        probeAll(servers);

        CpuMeter meter = new CpuMeter(servers.gateway, servers.sim);
        List<CellResult> results = new ArrayList<>();
        List<HotSpots.Window> windows = new ArrayList<>();
        int most = Collections.max(options.connections());
        for (Cell cell : cells) {
            URI url = servers.url(cell.target());
            byte[] body = Workload.body(cell.mode());
            load.run(url, body, cell.mode(), cell.connections(), options.warmup());
            CpuMeter.Reading before = meter.read();
            Instant start = Instant.now();
            LoadResult measured = load.run(url, body, cell.mode(), cell.connections(), options.duration());
            Instant end = Instant.now();
            CellResult result = new CellResult(cell, measured, meter.between(before, meter.read()));
            results.add(result);
            if (cell.target() == Target.GATEWAY && cell.connections() == most) {
                windows.add(new HotSpots.Window("gateway " + cell.mode().label() + ", " + most + " connections", start, end));
            }
            System.out.printf(Locale.ROOT, "%-24s %,9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  errors %d  "
                            + "cpu: gateway %.2f sim %.2f rest %.2f%n", cell, measured.requestsPerSecond(),
                    measured.p50Micros() / 1000, measured.p99Micros() / 1000, measured.errors(),
                    result.cpu().gateway(), result.cpu().sim(), result.cpu().rest() + result.cpu().harness());
            requireAlive(servers);
        }
        probeAll(servers);
        servers.close(); // the gateway writes its JFR recording as it exits

        List<HotSpots.Report> hotSpots = servers.gatewayRecording == null ? List.of()
                : HotSpots.analyze(servers.gatewayRecording, windows, 15);
        String command = System.getenv().getOrDefault("BENCH_COMMAND",
                "java -cp ... " + OverheadBenchmark.class.getName() + " " + args).trim();
        OverheadReport report = new OverheadReport(LocalDate.now(), command, machine, load.name(),
                options.jvmFlags(), options, results, hotSpots);
        Path md = report.write(options.resultsDir());
        try {
            OverheadChart.write(report, options.resultsDir().resolve(report.baseName() + ".png"));
        } catch (Exception | Error e) {
            System.out.println("no chart: " + e); // headless AWT without fonts, say; the figures are written anyway
        }
        System.out.println("figures written to " + md + " (and .json, .csv, .png)");
        if (servers.gatewayRecording != null) {
            System.out.println("gateway JFR recording: " + servers.gatewayRecording);
        }
    }

    private LoadGenerator loadGenerator() {
        Path work = options.workDir();
        return switch (options.load()) {
            case "java" -> new JavaLoadGenerator();
            case "wrk" -> WrkLoadGenerator.find(options.wrkThreads(), work)
                    .orElseThrow(() -> new IllegalStateException(WrkLoadGenerator.INSTALL_HINT));
            default -> {
                var wrk = WrkLoadGenerator.find(options.wrkThreads(), work);
                if (wrk.isEmpty()) {
                    System.out.println(WrkLoadGenerator.INSTALL_HINT + "; using the Java load generator instead");
                }
                yield wrk.isPresent() ? wrk.get() : new JavaLoadGenerator();
            }
        };
    }

    /** One request per target and mode before and after the load: a fast error must never pass for a fast answer. */
    private void probeAll(Servers servers) throws Exception {
        for (Mode mode : options.modes()) {
            Probe.check(servers.url(Target.DIRECT), mode);
            String provider = Probe.check(servers.url(Target.GATEWAY), mode);
            if (!provider.startsWith("sim/")) {
                throw new IllegalStateException("the gateway answered, but not from the sim (x-detour-provider: "
                        + provider + ")");
            }
        }
    }

    private static void requireAlive(Servers servers) {
        for (ChildProcess p : List.of(servers.sim, servers.gateway)) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p + " died during the run; its last output:\n" + p.tail(40));
            }
        }
    }

    /** Stops everything this run started, newest first; safe to call twice (main's finally, then the hook). */
    private void stopAll() {
        List<AutoCloseable> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(toStop);
        for (AutoCloseable c : toStop) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("could not stop " + c + ": " + e);
            }
        }
    }
}
