package dev.detour.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures the CPU used between two points in time: the machine's busy time from {@code /proc/stat} and each
 * process's own from the OS (so a load generator's cost shows up as what the servers did not use).
 */
final class CpuMeter {

    /** The readings at one instant. */
    record Reading(long nanos, double machineBusySeconds, Duration gateway, Duration sim, Duration harness) {
    }

    private final ChildProcess gateway;
    private final ChildProcess sim;
    private final double ticksPerSecond;

    CpuMeter(ChildProcess gateway, ChildProcess sim) {
        this.gateway = gateway;
        this.sim = sim;
        this.ticksPerSecond = 100; // USER_HZ: 100 on every Linux that matters here
    }

    Reading read() {
        return new Reading(System.nanoTime(), machineBusySeconds(), gateway.cpuTime(), sim.cpuTime(),
                ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
    }

    CpuUsage between(Reading from, Reading to) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        return new CpuUsage(
                (to.machineBusySeconds() - from.machineBusySeconds()) / wall,
                seconds(to.gateway().minus(from.gateway())) / wall,
                seconds(to.sim().minus(from.sim())) / wall,
                seconds(to.harness().minus(from.harness())) / wall);
    }

    /** All non-idle time of all CPUs since boot: user, nice, system, irq, softirq, steal. */
    private double machineBusySeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
