package dev.detour.bench;

/**
 * What a load generator measured over one window: completed requests, failed ones (non-2xx, broken or incomplete
 * responses, socket errors), latency percentiles in microseconds, and the CPU seconds an external generator
 * process used (0 when the generator runs inside the harness, whose CPU is measured anyway).
 */
public record LoadResult(long requests, long errors, double seconds, double p50Micros, double p99Micros,
                         double generatorCpuSeconds) {

    public double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    LoadResult withGeneratorCpuSeconds(double cpu) {
        return new LoadResult(requests, errors, seconds, p50Micros, p99Micros, cpu);
    }
}
