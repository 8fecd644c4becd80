package dev.detour.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link RoutingDecisionBenchmark} with JMH (sample time: every call's latency) and writes the percentiles to
 * {@code benchmarks/results/routing-decision-DATE.md}, against the goal of 50 microseconds at p99.
 */
public final class RoutingDecisionRun {

    private static final double GOAL_P99_MICROS = 50;

    public static void main(String[] args) throws RunnerException, IOException {
        Options options = new OptionsBuilder()
                .include(RoutingDecisionBenchmark.class.getSimpleName())
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xms256m", "-Xmx256m")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Machine machine = Machine.describe();
        StringBuilder md = new StringBuilder("# Routing decision latency (JMH)\n\n")
                .append("Command: `").append(System.getenv().getOrDefault("BENCH_COMMAND", "benchmarks/run-routing-decision.sh"))
                .append("`\n\n")
                .append("Machine: ").append(machine.cpus()).append(" CPUs (").append(machine.cpuModel()).append("), ")
                .append(machine.memory()).append(", ").append(machine.os()).append("; JDK ").append(machine.jdk())
                .append("; commit ").append(machine.gitCommit()).append(".\n\n")
                .append("What is timed: `CandidatePlanner.plan` on a 3-tier, 9-deployment route from the published health ")
                .append("snapshot (one circuit open, one deployment cooling down, latencies measured), plus the first ")
                .append("candidate's circuit permission: the executor's whole decision before its first upstream call. ")
                .append("JMH sample time, 1 fork, 1 thread, 3x2 s warm-up, 5x2 s measurement. The machine is shared ")
                .append("with other work, which shows in the tail.\n\n")
                .append("| strategy | samples | p50 (us) | p90 (us) | p99 (us) | p99.9 (us) | max (us) | goal p99 <= 50 us |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (RunResult result : results) {
            var stats = result.getPrimaryResult().getStatistics();
            String strategy = result.getParams().getParam("strategy");
            double p99 = stats.getPercentile(99);
            md.append(String.format("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", strategy, stats.getN(),
                    stats.getPercentile(50), stats.getPercentile(90), p99, stats.getPercentile(99.9), stats.getMax(),
                    p99 <= GOAL_P99_MICROS ? "met" : "**missed**"));
        }
        Path out = Path.of("benchmarks", "results", "routing-decision-" + LocalDate.now() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
        System.out.println("written to " + out);
    }
}
