package dev.detour.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The system under test: provider-sim and the gateway, each in its own JVM (the harness's own JDK and classpath),
 * on ephemeral loopback ports. Closing it ends both processes, and nothing else.
 */
final class Servers implements AutoCloseable {

    private static final Pattern SIM_READY = Pattern.compile("provider-sim listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern GATEWAY_READY = Pattern.compile("Detour listening on http://[^:/\\s]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** JDK 25's CPU-time sampler (JEP 509): unlike execution samples it also sees time in native code and syscalls. */
    private static final String CPU_TIME_SAMPLES = "jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=5ms,";

    final ChildProcess sim;
    final ChildProcess gateway;
    final int simPort;
    final int gatewayPort;
    final Path gatewayRecording;

    private Servers(ChildProcess sim, ChildProcess gateway, Path gatewayRecording) {
        this.sim = sim;
        this.gateway = gateway;
        this.simPort = Integer.parseInt(sim.readyGroup(1));
        this.gatewayPort = Integer.parseInt(gateway.readyGroup(1));
        this.gatewayRecording = gatewayRecording;
    }

    /** Starts the sim, writes a gateway config pointing at it, starts the gateway; registers both with {@code started}. */
    static Servers start(BenchOptions options, List<AutoCloseable> started) throws Exception {
        Path work = options.workDir();
        Files.createDirectories(work);
        ChildProcess sim = ChildProcess.start("provider-sim",
                java(options, List.of(), "dev.detour.sim.Main", "--port", "0"),
                work.resolve("provider-sim.log"), SIM_READY, START_TIMEOUT);
        started.add(sim);
        int simPort = Integer.parseInt(sim.readyGroup(1));

        Path config = work.resolve("detour-bench.yaml");
        Files.writeString(config, Workload.gatewayConfig(simPort));
        Path recording = options.jfr() ? work.resolve("gateway.jfr").toAbsolutePath() : null;
        List<String> jfr = recording == null ? List.of() : List.of("-XX:StartFlightRecording=settings=profile,"
                + (Runtime.version().feature() >= 25 ? CPU_TIME_SAMPLES : "") + "dumponexit=true,filename=" + recording);
        if (recording != null) {
            Files.deleteIfExists(recording);
        }
        ChildProcess gateway = ChildProcess.start("gateway",
                java(options, jfr, "dev.detour.gateway.Main", "--config", config.toString()),
                work.resolve("gateway.log"), GATEWAY_READY, START_TIMEOUT);
        started.add(gateway);
        return new Servers(sim, gateway, recording);
    }

    URI url(Target target) {
        int port = target == Target.DIRECT ? simPort : gatewayPort;
        return URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
    }

    /** Stops the gateway first (it writes its JFR recording on the way out), then the sim. */
    @Override
    public void close() {
        gateway.close();
        sim.close();
    }

    private static List<String> java(BenchOptions options, List<String> extraFlags, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmFlags());
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(List.of(args));
        return command;
    }
}
