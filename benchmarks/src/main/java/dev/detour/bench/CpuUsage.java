package dev.detour.bench;

/**
 * CPU spent during one cell, in cores (CPU-seconds per wall-clock second): the whole machine, the gateway, the
 * simulator, the harness itself, and the rest (an external load generator such as wrk, the kernel's network work).
 */
public record CpuUsage(double machine, double gateway, double sim, double harness) {

    public double rest() {
        return Math.max(0, machine - gateway - sim - harness);
    }
}
