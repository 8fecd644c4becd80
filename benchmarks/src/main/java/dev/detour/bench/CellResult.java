package dev.detour.bench;

/** The figures of one cell: the load generator's measurement and the CPU each process used meanwhile. */
public record CellResult(Cell cell, LoadResult load, CpuUsage cpu) {

    /** Gateway CPU time per request in microseconds (0 for direct cells, where the gateway is idle). */
    public double gatewayCpuMicrosPerRequest() {
        return load.requests() == 0 ? 0 : cpu.gateway() * load.seconds() * 1e6 / load.requests();
    }

    /** Simulator CPU time per request in microseconds. */
    public double simCpuMicrosPerRequest() {
        return load.requests() == 0 ? 0 : cpu.sim() * load.seconds() * 1e6 / load.requests();
    }
}
