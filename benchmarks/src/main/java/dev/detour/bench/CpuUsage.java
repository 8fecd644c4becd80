package dev.detour.bench;

/**
 * CPU spent during one cell, in cores (CPU-seconds per wall-clock second): the whole machine, the kernel's interrupt
 * work (loopback packets mostly), the gateway, the simulator and the load generator (wrk, or the harness's own
 * JVM). What is left is other processes on the machine: a sign the figures were disturbed.
 */
public record CpuUsage(double machine, double interrupts, double gateway, double sim, double loadGenerator) {

    /** Busy time no process of this run accounts for: other work on the machine. */
    public double other() {
        return Math.max(0, machine - interrupts - gateway - sim - loadGenerator);
    }
}
