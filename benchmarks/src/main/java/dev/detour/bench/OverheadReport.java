package dev.detour.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The figures of one run and the files they go to: a Markdown page, the raw numbers as JSON and CSV. */
record OverheadReport(LocalDate date, String command, Machine machine, String loadGenerator, List<String> jvmFlags,
                      BenchOptions options, List<CellResult> cells, List<HotSpots.Report> hotSpots) {

    /** The goals, for the JSON (non-streaming) path with the cache off. */
    static final double GOAL_REQUESTS_PER_SECOND = 10_000;
    static final int GOAL_THROUGHPUT_CONNECTIONS = 64;
    static final double GOAL_ADDED_P50_MICROS = 300;
    static final int GOAL_LATENCY_CONNECTIONS = 1;

    List<Comparison> comparisons() {
        List<Comparison> list = new ArrayList<>();
        for (Mode mode : options.modes()) {
            for (int c : options.connections()) {
                Optional<CellResult> d = find(Target.DIRECT, mode, c);
                Optional<CellResult> g = find(Target.GATEWAY, mode, c);
                if (d.isPresent() && g.isPresent()) {
                    list.add(new Comparison(mode, c, d.get(), g.get()));
                }
            }
        }
        return list;
    }

    Optional<CellResult> find(Target target, Mode mode, int connections) {
        return cells.stream().filter(r -> r.cell().equals(new Cell(target, mode, connections))).findFirst();
    }

    /** Writes overhead-DATE[-LABEL].md, .json and .csv into {@code dir}; returns the Markdown file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = baseName();
        Files.writeString(dir.resolve(base + ".csv"), csv());
        json().writeValue(dir.resolve(base + ".json").toFile(), raw());
        Path md = dir.resolve(base + ".md");
        Files.writeString(md, markdown(base));
        return md;
    }

    String baseName() {
        return "overhead-" + date + (options.label().isEmpty() ? "" : "-" + options.label());
    }

    private String csv() {
        StringBuilder out = new StringBuilder("target,mode,connections,requests,errors,seconds,requests_per_second,"
                + "p50_us,p99_us,cpu_machine,cpu_interrupts,cpu_gateway,cpu_sim,cpu_load_generator,cpu_other,"
                + "gateway_cpu_us_per_request,sim_cpu_us_per_request\n");
        for (CellResult r : cells) {
            LoadResult l = r.load();
            CpuUsage c = r.cpu();
            out.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.3f,%.1f,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f%n",
                    r.cell().target().label(), r.cell().mode().label(), r.cell().connections(), l.requests(),
                    l.errors(), l.seconds(), l.requestsPerSecond(), l.p50Micros(), l.p99Micros(), c.machine(),
                    c.interrupts(), c.gateway(), c.sim(), c.loadGenerator(), c.other(), r.gatewayCpuMicrosPerRequest(),
                    r.simCpuMicrosPerRequest()));
        }
        return out.toString();
    }

    private Map<String, Object> raw() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", date.toString());
        root.put("command", command);
        root.put("machine", machine);
        root.put("load_generator", loadGenerator);
        root.put("server_jvm_flags", jvmFlags);
        root.put("warmup_seconds", options.warmup().toMillis() / 1000.0);
        root.put("duration_seconds", options.duration().toMillis() / 1000.0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CellResult r : cells) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", r.cell().target().label());
            row.put("mode", r.cell().mode().label());
            row.put("connections", r.cell().connections());
            row.put("requests", r.load().requests());
            row.put("errors", r.load().errors());
            row.put("seconds", r.load().seconds());
            row.put("requests_per_second", r.load().requestsPerSecond());
            row.put("p50_us", r.load().p50Micros());
            row.put("p99_us", r.load().p99Micros());
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("machine", r.cpu().machine());
            cpu.put("interrupts", r.cpu().interrupts());
            cpu.put("gateway", r.cpu().gateway());
            cpu.put("sim", r.cpu().sim());
            cpu.put("load_generator", r.cpu().loadGenerator());
            cpu.put("other", r.cpu().other());
            row.put("cpu_cores", cpu);
            row.put("gateway_cpu_us_per_request", r.gatewayCpuMicrosPerRequest());
            row.put("sim_cpu_us_per_request", r.simCpuMicrosPerRequest());
            rows.add(row);
        }
        root.put("cells", rows);
        List<Map<String, Object>> derived = new ArrayList<>();
        for (Comparison c : comparisons()) {
            derived.add(Map.of("mode", c.mode().label(), "connections", c.connections(),
                    "throughput_ratio", c.throughputRatio(), "added_p50_us", c.addedP50Micros(),
                    "added_p99_us", c.addedP99Micros()));
        }
        root.put("gateway_vs_direct", derived);
        if (!hotSpots.isEmpty()) {
            root.put("gateway_hot_spots", hotSpots);
        }
        return root;
    }

    private String markdown(String base) {
        StringBuilder md = new StringBuilder();
        md.append("# Gateway overhead, ").append(date).append("\n\n");
        md.append("Produced by `").append(command).append("`").append("\n\n");
        md.append("- Machine: ").append(machine.cpus()).append(" CPUs (").append(machine.cpuModel()).append("), ")
                .append(machine.memory()).append(", ").append(machine.os()).append("\n");
        md.append("- JDK: ").append(machine.jdk()).append("; gateway and provider-sim JVMs: `")
                .append(String.join(" ", jvmFlags)).append("`\n");
        md.append("- Code: git ").append(machine.gitCommit()).append("; semantic cache: off (no cache in this build's config)\n");
        md.append("- Load: ").append(loadGenerator).append(", closed loop, keep-alive; each cell ")
                .append(secs(options.warmup())).append(" warm-up (discarded) then ").append(secs(options.duration()))
                .append(" measured, after a global warm-up of every target and mode; the load generator, the sim and the "
                        + "gateway share the same ").append(machine.cpus()).append(" CPUs\n");
        md.append("- Request: `POST /v1/chat/completions`, ").append(Workload.body(Mode.JSON).length)
                .append(" bytes, one user message; the sim answers \"Echo: <message>\" (streamed one word per SSE event); "
                        + "the same bytes go direct to the sim and through the gateway (its route is named like the sim's model)\n");
        md.append("- Latency: from the request's first byte to the response's last (for a stream: the chunk after `data: [DONE]`)\n");
        md.append("- Raw figures: `").append(base).append(".json`, `").append(base).append(".csv`\n\n");

        md.append("## Figures\n\n");
        md.append("| target | mode | conns | req/s | p50 ms | p99 ms | errors | CPU gateway | CPU sim | CPU load gen | CPU irq | CPU other | gateway CPU µs/req |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CellResult r : cells) {
            LoadResult l = r.load();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.3f | %.3f | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n",
                    r.cell().target().label(), r.cell().mode().label(), r.cell().connections(),
                    l.requestsPerSecond(), l.p50Micros() / 1000, l.p99Micros() / 1000, l.errors(),
                    r.cpu().gateway(), r.cpu().sim(), r.cpu().loadGenerator(), r.cpu().interrupts(), r.cpu().other(),
                    r.cell().target() == Target.GATEWAY ? String.format(Locale.ROOT, "%.0f", r.gatewayCpuMicrosPerRequest()) : "-"));
        }
        md.append("\nCPU columns: cores busy on average during the measurement (of ").append(machine.cpus())
                .append("). \"irq\" is the kernel's interrupt work (loopback packets); \"other\" is CPU no process of "
                        + "this run accounts for, i.e. other processes on the machine: above ~0.2 the cell was disturbed.\n\n");

        md.append("## Gateway vs direct (same run)\n\n");
        md.append("| mode | conns | throughput gateway/direct | added p50 ms | added p99 ms |\n|---|---:|---:|---:|---:|\n");
        for (Comparison c : comparisons()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %+.3f | %+.3f |%n", c.mode().label(),
                    c.connections(), c.throughputRatio(), c.addedP50Micros() / 1000, c.addedP99Micros() / 1000));
        }
        md.append("\n## Against the goals\n\n").append(reading()).append("\n");
        if (!hotSpots.isEmpty()) {
            md.append(hotSpotsMarkdown());
        }
        return md.toString();
    }

    /** A plain reading of the figures against the goals. */
    private String reading() {
        StringBuilder out = new StringBuilder();
        for (Mode mode : options.modes()) {
            find(Target.GATEWAY, mode, GOAL_THROUGHPUT_CONNECTIONS).ifPresent(g -> {
                double rps = g.load().requestsPerSecond();
                out.append(String.format(Locale.ROOT, "- Throughput, %s, %d connections: %,.0f req/s through the gateway "
                                + "(goal ≥ %,.0f%s): %s. CPU then: gateway %.2f, sim %.2f, load generator and kernel %.2f cores; "
                                + "the gateway spends %.0f µs of CPU per request, the sim %.0f.%n",
                        mode.label(), GOAL_THROUGHPUT_CONNECTIONS, rps, GOAL_REQUESTS_PER_SECOND,
                        mode == Mode.JSON ? "" : ", stated for non-streaming; shown for reference",
                        rps >= GOAL_REQUESTS_PER_SECOND ? "**met**" : String.format(Locale.ROOT, "**missed** (%.0f%% of it)",
                                100 * rps / GOAL_REQUESTS_PER_SECOND),
                        g.cpu().gateway(), g.cpu().sim(), g.cpu().loadGenerator() + g.cpu().interrupts(),
                        g.gatewayCpuMicrosPerRequest(), g.simCpuMicrosPerRequest()));
            });
            comparisons().stream().filter(c -> c.mode() == mode && c.connections() == GOAL_LATENCY_CONNECTIONS)
                    .findFirst().ifPresent(c -> out.append(String.format(Locale.ROOT,
                            "- Added latency, %s, %d connection: %+.3f ms at p50 (goal ≤ %.1f ms%s): %s; %+.3f ms at p99.%n",
                            mode.label(), GOAL_LATENCY_CONNECTIONS, c.addedP50Micros() / 1000, GOAL_ADDED_P50_MICROS / 1000,
                            mode == Mode.JSON ? "" : ", stated for non-streaming; shown for reference",
                            c.addedP50Micros() <= GOAL_ADDED_P50_MICROS ? "**met**" : "**missed**",
                            c.addedP99Micros() / 1000)));
        }
        cells.stream().filter(r -> r.cpu().other() > 0.2).forEach(r -> out.append(String.format(Locale.ROOT,
                "- %s was disturbed: other processes used %.2f cores during its measurement.%n", r.cell(), r.cpu().other())));
        long errors = cells.stream().mapToLong(r -> r.load().errors()).sum();
        out.append(errors == 0 ? "- No errors in any cell.\n"
                : "- **" + errors + " errors** in total: the figures of the cells with errors are suspect.\n");
        return out.toString();
    }

    private String hotSpotsMarkdown() {
        StringBuilder md = new StringBuilder("\n## Where the gateway's CPU goes (JFR)\n\n").append(HotSpots.EXPLANATION);
        hotSpots.forEach(r -> md.append(r.toMarkdown()));
        return md.toString();
    }

    private static String secs(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ObjectMapper json() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}
