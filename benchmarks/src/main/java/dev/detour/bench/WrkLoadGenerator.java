package dev.detour.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Load from <a href="https://github.com/wg/wrk">wrk</a>: one epoll event loop in C per thread, so it takes little
 * CPU from the gateway and the sim it shares the machine with. A Lua script makes the requests POSTs and prints
 * the figures in one line that {@link #parse} reads. Latency runs until the whole response is in: for a stream,
 * the last chunk (the one after {@code data: [DONE]}).
 */
public final class WrkLoadGenerator implements LoadGenerator {

    static final String INSTALL_HINT = "wrk is not installed; install it with `apt-get update && apt-get install -y wrk` "
            + "(Debian/Ubuntu) or `brew install wrk`, or run with --load java";

    private static final String MARKER = "BENCH_RESULT ";

    private final String version;
    private final int threads;
    private final Path workDir;
    private volatile Process running;

    private WrkLoadGenerator(String version, int threads, Path workDir) {
        this.version = version;
        this.threads = threads;
        this.workDir = workDir;
    }

    /** wrk if it is on the PATH. */
    public static Optional<WrkLoadGenerator> find(int threads, Path workDir) {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            String first = out.lines().findFirst().orElse("wrk");
            String version = first.contains(" [") ? first.substring(0, first.indexOf(" [")) : first;
            return Optional.of(new WrkLoadGenerator(version.trim(), threads, workDir));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return version + " (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }

    @Override
    public LoadResult run(URI url, byte[] body, Mode mode, int connections, Duration duration) throws Exception {
        Files.createDirectories(workDir);
        Path script = workDir.resolve("wrk-post.lua");
        Files.writeString(script, script(new String(body, StandardCharsets.UTF_8)));
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        Path log = workDir.resolve("wrk.out");
        Path times = workDir.resolve("wrk.times");
        Files.deleteIfExists(times);
        // bash's `times` reports the CPU its children used: wrk's own cost, which the report accounts for.
        List<String> command = List.of("bash", "-c", "wrk \"$@\"; status=$?; times > '" + times + "'; exit $status",
                "wrk", "-t", String.valueOf(Math.min(threads, connections)),
                "-c", String.valueOf(connections), "-d", seconds + "s", "--timeout", "10s", "--latency",
                "-s", script.toString(), url.toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running = wrk;
        try {
            if (!wrk.waitFor(seconds + 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not finish within " + (seconds + 30) + " s");
            }
        } finally {
            running = null;
            stop(wrk);
        }
        String output = Files.readString(log);
        if (wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk exited with " + wrk.exitValue() + ":\n" + output);
        }
        return parse(output).withGeneratorCpuSeconds(childCpuSeconds(Files.readString(times)));
    }

    /** The second line of bash's {@code times}: user and system time of its children, e.g. {@code 0m1.250s 0m2.5s}. */
    static double childCpuSeconds(String times) {
        List<String> lines = times.lines().toList();
        if (lines.size() < 2) {
            return 0;
        }
        double total = 0;
        for (String t : lines.get(1).trim().split("\\s+")) {
            int m = t.indexOf('m');
            total += Long.parseLong(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
        }
        return total;
    }

    /** Ends the wrk this generator started, if one is running. */
    @Override
    public void close() {
        Process wrk = running;
        if (wrk != null) {
            stop(wrk);
        }
    }

    /** Ends the bash wrapper and the wrk under it. */
    private static void stop(Process wrapper) {
        if (wrapper.isAlive()) {
            wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
            wrapper.destroyForcibly();
        }
    }

    /** Reads the line the script's {@code done} callback prints. */
    static LoadResult parse(String output) {
        String line = output.lines().filter(l -> l.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + MARKER.trim() + " line in wrk's output:\n" + output));
        String[] f = line.substring(MARKER.length()).trim().split("\\s+");
        long requests = Long.parseLong(f[0]);
        double seconds = Long.parseLong(f[1]) / 1e6;
        long errors = 0;
        for (int i = 2; i <= 6; i++) {
            errors += Long.parseLong(f[i]);
        }
        return new LoadResult(requests, errors, seconds, Double.parseDouble(f[7]), Double.parseDouble(f[8]), 0);
    }

    static String script(String body) {
        return """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = [==[%s]==]
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("%s%%d %%d %%d %%d %%d %%d %%d %%.1f %%.1f\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(99)))
                end
                """.formatted(body, MARKER);
    }
}
