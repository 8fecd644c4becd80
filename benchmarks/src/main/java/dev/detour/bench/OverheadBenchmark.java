package dev.detour.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Other processes' CPU (in cores) above which a cell counts as disturbed, and below which the machine is quiet. */
    private static final double DISTURBED_CORES = 0.2;
    private static final double QUIET_CORES = 0.1;

    private final BenchOptions options;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private int retriesLeft;

    private OverheadBenchmark(BenchOptions options) {
        this.options = options;
        this.retriesLeft = options.retries();
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
        long seconds = cells.size() * options.warmup().plus(options.duration()).toSeconds()
                + 2L * options.modes().size() * options.warmup().toSeconds();
        System.out.printf(Locale.ROOT, "%d cells of %s warm-up + %s each, after a global warm-up: about %d s of load; "
                + "load generator: %s%n", cells.size(), options.warmup(), options.duration(), seconds, load.name());

        Servers servers = Servers.start(options, started);
        System.out.printf("provider-sim pid %d on port %d, gateway pid %d on port %d (logs in %s)%n",
                servers.sim.pid(), servers.simPort, servers.gateway.pid(), servers.gatewayPort, options.workDir());
        probeAll(servers);

        warmUp(servers, load);
        CpuMeter meter = new CpuMeter(servers.gateway, servers.sim);
        List<CellResult> results = new ArrayList<>();
        List<HotSpots.Window> windows = new ArrayList<>();
        int most = Collections.max(options.connections());
        for (Cell cell : cells) {
            Measured m = measure(cell, servers, load, meter);
            results.add(m.result());
            if (cell.target() == Target.GATEWAY && cell.connections() == most) {
                windows.add(new HotSpots.Window("gateway " + cell.mode().label() + ", " + most + " connections",
                        m.start(), m.end()));
            }
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

    /**
     * Loads every target and mode once at the most connections before any cell, so that the JIT has compiled the
     * hot paths of both servers before the first measurement (a cell's own warm-up alone is short at 1 connection).
     */
    private void warmUp(Servers servers, LoadGenerator load) throws Exception {
        int most = Collections.max(options.connections());
        System.out.printf("warming up both servers: %s per target and mode at %d connections%n", options.warmup(), most);
        for (Mode mode : options.modes()) {
            for (Target target : Target.values()) {
                load.run(servers.url(target), Workload.body(mode), mode, most, options.warmup());
            }
        }
    }

    /** One cell's result and when its measurement ran (to find it in a JFR recording). */
    private record Measured(CellResult result, Instant start, Instant end) {
    }

    /**
     * Warms up, then measures one cell. The machine may be shared: the cell waits for other processes to go quiet
     * first, and is measured again (while retries last) when they took CPU meanwhile; the least disturbed counts.
     */
    private Measured measure(Cell cell, Servers servers, LoadGenerator load, CpuMeter meter) throws Exception {
        URI url = servers.url(cell.target());
        byte[] body = Workload.body(cell.mode());
        Measured best = null;
        while (true) {
            waitForQuiet(meter);
            load.run(url, body, cell.mode(), cell.connections(), options.warmup());
            CpuMeter.Reading before = meter.read();
            Instant start = Instant.now();
            LoadResult measured = load.run(url, body, cell.mode(), cell.connections(), options.duration());
            Instant end = Instant.now();
            CellResult result = new CellResult(cell, measured,
                    meter.between(before, meter.read(), measured.generatorCpuSeconds()));
            requireAlive(servers);
            CpuUsage cpu = result.cpu();
            System.out.printf(Locale.ROOT, "%-24s %,9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  errors %d  "
                            + "cpu: gateway %.2f sim %.2f load %.2f irq %.2f other %.2f%n", cell,
                    measured.requestsPerSecond(), measured.p50Micros() / 1000, measured.p99Micros() / 1000,
                    measured.errors(), cpu.gateway(), cpu.sim(), cpu.loadGenerator(), cpu.interrupts(), cpu.other());
            if (best == null || cpu.other() < best.result().cpu().other()) {
                best = new Measured(result, start, end);
            }
            if (cpu.other() <= DISTURBED_CORES || retriesLeft <= 0) {
                return best;
            }
            retriesLeft--;
            System.out.printf(Locale.ROOT, "  other processes used %.2f cores meanwhile: measuring again (%d retries left)%n",
                    cpu.other(), retriesLeft);
        }
    }

    /** Waits, up to --quiet-wait, until processes outside this run use less than a few percent of the CPUs. */
    private void waitForQuiet(CpuMeter meter) throws InterruptedException {
        long deadline = System.nanoTime() + options.quietWait().toNanos();
        double foreign = meter.foreignLoad(Duration.ofMillis(500));
        boolean said = false;
        while (foreign > QUIET_CORES && System.nanoTime() < deadline) {
            if (!said) {
                System.out.printf(Locale.ROOT, "  waiting for other processes to go quiet (%.2f cores busy)%n", foreign);
                said = true;
            }
            foreign = meter.foreignLoad(Duration.ofSeconds(1));
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
