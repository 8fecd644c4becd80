package dev.detour.bench;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.health.CircuitState;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.server.DetourServer;
import dev.detour.sim.Attempt;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outage experiment: steady traffic from a few clients through the gateway (default health policy and tier
 * timeouts) to a two-tier route whose primary has an outage in the middle of the run (503s, silence, or reset
 * connections), then recovers. Measures how long after the outage began the traffic shifted to the fallback, the
 * client success rate and latency during the outage, and how long after recovery the primary got its traffic back.
 * Sim, gateway and clients share one JVM on loopback; figures go to {@code benchmarks/results/outage-DATE.md}.
 */
public final class OutageExperiment {

    private static final String BODY = """
            {"model":"chat","messages":[{"role":"user","content":"hello there"}]}""";

    record Sent(Instant at, int status, String servedBy, long micros) {
    }

    record Scenario(String name, Fault fault) {
    }

    record Outcome(Scenario scenario, int requestsBefore, int requestsDuring, double successDuring,
                   Long shiftMillis, Long circuitOpenMillis, long primaryCallsAfterShift, long p50Before,
                   long p99Before, long p50During, long p99During, Long recoveryMillis, double primaryShareLast5s) {
    }

    public static void main(String[] args) throws Exception {
        int clients = intArg(args, "--clients", 8);
        Duration before = Duration.ofSeconds(intArg(args, "--before", 5));
        Duration outage = Duration.ofSeconds(intArg(args, "--outage", 20));
        Duration after = Duration.ofSeconds(intArg(args, "--after", 20));
        List<Scenario> scenarios = List.of(
                new Scenario("hard down (503 on every call)", Fault.status(503)),
                new Scenario("connection reset on every call", Fault.resetBeforeHeaders()),
                new Scenario("silent (accepts, never answers)", Fault.hang()));
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            outcomes.add(run(scenario, clients, before, outage, after));
            System.out.println(outcomes.getLast());
        }
        write(outcomes, clients, before, outage, after);
    }

    private static Outcome run(Scenario scenario, int clients, Duration before, Duration outage, Duration after)
            throws Exception {
        Path dataDir = Files.createTempDirectory("detour-outage");
        try (ProviderSim sim = ProviderSim.start(); ProviderAdapters adapters = new ProviderAdapters()) {
            List<ModelConfig> models = List.of(new ModelConfig("primary", 128_000, 1, 2, false),
                    new ModelConfig("backup", 128_000, 1, 2, false));
            DetourConfig config = new DetourConfig(new ServerConfig("127.0.0.1", 0, 1 << 20, dataDir),
                    List.of(new ProviderConfig("sim", ProviderKind.OPENAI, sim.baseUrl() + "/v1", "key", null, null, models)),
                    List.of(new RouteConfig("chat", List.of(
                            new TierConfig(List.of(new DeploymentId("sim", "primary")), Duration.ofSeconds(2)),
                            new TierConfig(List.of(new DeploymentId("sim", "backup")), Duration.ofSeconds(3))))));
            DetourServer gateway = DetourServer.start(config, adapters);
            try {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                URI uri = URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions");
                for (int i = 0; i < 200; i++) {
                    send(http, uri); // warm-up, not counted
                }
                sim.reset();

                DeploymentId primary = new DeploymentId("sim", "primary");
                AtomicReference<Instant> openedAt = new AtomicReference<>();
                Runnable unsubscribe = gateway.health().subscribe(snapshot -> {
                    if (snapshot.status(primary).state() == CircuitState.OPEN) {
                        openedAt.compareAndSet(null, Instant.now());
                    }
                });
                List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
                Instant start = Instant.now();
                Instant downAt = start.plus(before);
                Instant upAt = downAt.plus(outage);
                Instant end = upAt.plus(after);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                for (int c = 0; c < clients; c++) {
                    pool.submit(() -> {
                        while (Instant.now().isBefore(end)) {
                            sent.add(send(http, uri));
                        }
                        return null;
                    });
                }
                sleepUntil(downAt);
                sim.fault("primary", scenario.fault());
                sleepUntil(upAt);
                sim.clearFault("primary");
                pool.shutdown();
                pool.awaitTermination(60, TimeUnit.SECONDS);
                unsubscribe.run();
                return measure(scenario, sent, sim.attempts("primary"), downAt, upAt, end, openedAt.get());
            } finally {
                gateway.close();
            }
        }
    }

    private static Sent send(HttpClient http, URI uri) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Sent(at, response.statusCode(), response.headers().firstValue("x-detour-provider").orElse(""),
                    (System.nanoTime() - started) / 1000);
        } catch (IOException e) {
            return new Sent(at, 0, "", (System.nanoTime() - started) / 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(at, 0, "", 0);
        }
    }

    private static Outcome measure(Scenario scenario, List<Sent> sent, List<Attempt> primaryCalls, Instant downAt,
                                   Instant upAt, Instant end, Instant openedAt) {
        List<Sent> beforeOutage = sent.stream().filter(s -> s.at().isBefore(downAt)).toList();
        List<Sent> during = sent.stream().filter(s -> !s.at().isBefore(downAt) && s.at().isBefore(upAt)).toList();
        double success = during.isEmpty() ? Double.NaN
                : during.stream().filter(s -> s.status() == 200).count() / (double) during.size();
        // Traffic has shifted at the last call to the primary before its first quiet stretch of half the open
        // duration (5 s by default): after that it only gets the circuit's probes.
        List<Instant> calls = primaryCalls.stream().map(Attempt::at)
                .filter(t -> !t.isBefore(downAt) && t.isBefore(upAt)).sorted().toList();
        Long shift = null;
        Instant shiftedAt = null;
        for (int i = 0; i < calls.size(); i++) {
            Instant next = i + 1 < calls.size() ? calls.get(i + 1) : upAt;
            if (Duration.between(calls.get(i), next).toMillis() >= 5000) {
                shiftedAt = calls.get(i);
                shift = Duration.between(downAt, shiftedAt).toMillis();
                break;
            }
        }
        Instant shiftedAtFinal = shiftedAt;
        long afterShift = shiftedAt == null ? calls.size() : calls.stream().filter(t -> t.isAfter(shiftedAtFinal)).count();
        Long recovery = sent.stream().filter(s -> !s.at().isBefore(upAt) && s.servedBy().equals("sim/primary"))
                .map(s -> Duration.between(upAt, s.at()).toMillis()).min(Long::compare).orElse(null);
        List<Sent> last5 = sent.stream().filter(s -> s.at().isAfter(end.minusSeconds(5))).toList();
        double primaryShare = last5.isEmpty() ? Double.NaN
                : last5.stream().filter(s -> s.servedBy().equals("sim/primary")).count() / (double) last5.size();
        Histogram b = histogram(beforeOutage);
        Histogram d = histogram(during);
        return new Outcome(scenario, beforeOutage.size(), during.size(), success, shift,
                openedAt == null ? null : Duration.between(downAt, openedAt).toMillis(), afterShift,
                b.getValueAtPercentile(50), b.getValueAtPercentile(99), d.getValueAtPercentile(50),
                d.getValueAtPercentile(99), recovery, primaryShare);
    }

    private static Histogram histogram(List<Sent> sent) {
        Histogram histogram = new Histogram(3_600_000_000L, 2);
        sent.forEach(s -> histogram.recordValue(Math.max(0, s.micros())));
        return histogram;
    }

    private static void write(List<Outcome> outcomes, int clients, Duration before, Duration outage, Duration after)
            throws IOException {
        Machine machine = Machine.describe();
        StringBuilder md = new StringBuilder("# Provider outage: time to shift traffic, client success rate\n\n")
                .append("Command: `").append(System.getenv().getOrDefault("BENCH_COMMAND", "benchmarks/run-outage.sh"))
                .append("`\n\n")
                .append("Machine: ").append(machine.cpus()).append(" CPUs (").append(machine.cpuModel()).append("), ")
                .append(machine.memory()).append(", ").append(machine.os()).append("; JDK ").append(machine.jdk())
                .append("; commit ").append(machine.gitCommit()).append(".\n\n")
                .append("Set-up: provider-sim, the gateway and ").append(clients).append(" closed-loop clients in one JVM on ")
                .append("loopback. Route `chat`: tier 1 `sim/primary` (first-token timeout 2 s), tier 2 `sim/backup` ")
                .append("(3 s), OpenAI protocol through the real LangChain4j adapter. Default health policy: 60 s ")
                .append("window, circuit opens at 15 % failures over at least 10 calls or at 5 failures in a row, 10 s open, "
                        + "3 half-open probes. ")
                .append("Phases: ").append(before.toSeconds()).append(" s healthy, ").append(outage.toSeconds())
                .append(" s outage of the primary, ").append(after.toSeconds()).append(" s after its recovery.\n\n")
                .append("- *shift*: from the outage's start to the last call the primary got before it went quiet ")
                .append("(after that it only sees probes: the first gap of 5 s or more between its calls); *circuit open*: when the health snapshot first showed it open.\n")
                .append("- *success*: share of client requests sent during the outage that got a 200.\n")
                .append("- *recovery*: from the primary's recovery to the first request it served again.\n\n")
                .append("| outage | requests before / during | success during | shift (ms) | circuit open (ms) | ")
                .append("primary calls after shift | p50 / p99 before (ms) | p50 / p99 during (ms) | recovery (ms) | ")
                .append("primary share, last 5 s |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            md.append(String.format("| %s | %d / %d | %.2f %% | %s | %s | %d | %.1f / %.1f | %.1f / %.1f | %s | %.1f %% |%n",
                    o.scenario().name(), o.requestsBefore(), o.requestsDuring(), 100 * o.successDuring(),
                    o.shiftMillis() == null ? "not shifted" : o.shiftMillis().toString(),
                    o.circuitOpenMillis() == null ? "never" : o.circuitOpenMillis().toString(),
                    o.primaryCallsAfterShift(), o.p50Before() / 1000.0, o.p99Before() / 1000.0,
                    o.p50During() / 1000.0, o.p99During() / 1000.0,
                    o.recoveryMillis() == null ? "not recovered" : o.recoveryMillis().toString(),
                    100 * o.primaryShareLast5s()));
        }
        Path out = Path.of("benchmarks", "results", "outage-" + LocalDate.now() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
        System.out.println("written to " + out);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
