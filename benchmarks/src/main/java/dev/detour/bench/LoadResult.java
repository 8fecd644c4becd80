package dev.detour.bench;

/**
 * What a load generator measured over one window: completed requests, failed ones (non-2xx, broken or incomplete
 * responses, socket errors) and latency percentiles in microseconds.
 */
public record LoadResult(long requests, long errors, double seconds, double p50Micros, double p99Micros) {

    public double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }
}
