package dev.detour.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process the harness started: its output goes to a log file (no pipe to drain while measuring), it is
 * ready once a line matching a pattern appears there, and closing it ends exactly this process and its children.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Matcher ready;

    private ChildProcess(String name, Process process, Path log, Matcher ready) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.ready = ready;
    }

    /** Starts {@code command} and waits until its output has a line matching {@code readyLine}. */
    public static ChildProcess start(String name, List<String> command, Path log, Pattern readyLine,
                                     Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        ChildProcess child = new ChildProcess(name, process, log, null);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : readLines(log)) {
                Matcher m = readyLine.matcher(line);
                if (m.find()) {
                    return new ChildProcess(name, process, log, m);
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; "
                        + "its output (" + log + "):\n" + child.tail(40));
            }
            Thread.sleep(50);
        }
        child.close();
        throw new IllegalStateException(name + " printed no line matching /" + readyLine + "/ within "
                + timeout.toSeconds() + " s; its output (" + log + "):\n" + child.tail(40));
    }

    /** A group of the ready line's match, e.g. the port it listens on. */
    public String readyGroup(int group) {
        return ready.group(group);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** CPU time the process has used so far (all its threads), as the OS reports it. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The last {@code lines} lines of its output. */
    public String tail(int lines) {
        List<String> all = readLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Asks the process to stop (SIGTERM, so a JFR recording is written out), then kills it if it lingers. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private static List<String> readLines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
