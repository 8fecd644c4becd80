package dev.detour.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures the CPU used between two points in time: the machine's busy and interrupt time from {@code /proc/stat}
 * and each process's own time from the OS, so that the load of other processes shows as what is left over.
 */
final class CpuMeter {

    /** USER_HZ, the unit of /proc/stat: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** The readings at one instant; seconds of CPU since some fixed point. */
    record Reading(long nanos, double machine, double interrupts, double gateway, double sim, double harness) {
    }

    private final ChildProcess gateway;
    private final ChildProcess sim;

    CpuMeter(ChildProcess gateway, ChildProcess sim) {
        this.gateway = gateway;
        this.sim = sim;
    }

    Reading read() {
        long[] stat = procStat();
        double machine = (stat[1] + stat[2] + stat[3] + stat[6] + stat[7] + stat[8]) / TICKS_PER_SECOND;
        double interrupts = (stat[6] + stat[7]) / TICKS_PER_SECOND;
        return new Reading(System.nanoTime(), machine, interrupts, seconds(gateway.cpuTime()), seconds(sim.cpuTime()),
                seconds(ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)));
    }

    /** @param generatorSeconds CPU of an external load generator over the interval (0 when it ran in the harness) */
    CpuUsage between(Reading from, Reading to, double generatorSeconds) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        return new CpuUsage((to.machine() - from.machine()) / wall, (to.interrupts() - from.interrupts()) / wall,
                (to.gateway() - from.gateway()) / wall, (to.sim() - from.sim()) / wall,
                (to.harness() - from.harness() + generatorSeconds) / wall);
    }

    /** Cores busy with anything but this run's processes over {@code window}: 0 on a quiet machine. */
    double foreignLoad(Duration window) throws InterruptedException {
        Reading from = read();
        Thread.sleep(window.toMillis());
        return between(from, read(), 0).other();
    }

    /** The aggregate "cpu" line: user nice system idle iowait irq softirq steal, in ticks (index 1 = user). */
    private static long[] procStat() {
        long[] values = new long[9];
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            for (int i = 1; i < values.length && i < f.length; i++) {
                values[i] = Long.parseLong(f[i]);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: CPU columns stay at 0, the figures themselves do not depend on them
        }
        return values;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
